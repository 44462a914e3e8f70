// The minimum an activity needs before the adapter and the bot may see it. The SDK answers 500 for some
// of these mistakes (no type) or fails inside the turn (no conversation id); here they become 400s.
import type { Refusal } from './body.js';

export type ActivityCheck =
  | { ok: true; activity: Record<string, unknown>; truncated: boolean }
  | ({ ok: false } & Refusal);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const bad = (error: string): ActivityCheck => ({ ok: false, status: 400, error });

/** Cuts text to at most `max` UTF-16 units without leaving half of a surrogate pair (an emoji) behind. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Checks the shape of an incoming activity and truncates over-long message text, so the bot never reads
 * more than `maxChars` characters (the matcher's cost grows with the text).
 */
export function checkActivity(body: unknown, maxChars: number): ActivityCheck {
  if (!isObject(body)) return bad('body must be a JSON object (a Bot Framework activity)');
  if (!isText(body.type)) return bad('activity.type must be a non-empty string');
  if (!isText(body.channelId)) return bad('activity.channelId must be a non-empty string');
  if (!isObject(body.conversation) || !isText(body.conversation.id)) {
    return bad('activity.conversation.id must be a non-empty string');
  }
  for (const key of ['from', 'recipient'] as const) {
    if (body[key] !== undefined && !isObject(body[key])) return bad(`activity.${key} must be an object`);
  }
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') {
    return bad('activity.text must be a string');
  }
  if (body.attachments !== undefined && body.attachments !== null && !Array.isArray(body.attachments)) {
    return bad('activity.attachments must be an array');
  }
  if (body.serviceUrl !== undefined && typeof body.serviceUrl !== 'string') {
    return bad('activity.serviceUrl must be a string');
  }

  // As the SDK's own validator does: ISO strings become Dates, the raw string is kept beside them.
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = body[key];
    if (typeof raw !== 'string') continue;
    const rawKey = `raw${key[0]!.toUpperCase()}${key.slice(1)}`;
    body[rawKey] = raw;
    body[key] = new Date(raw);
  }

  let truncated = false;
  if (typeof body.text === 'string' && body.text.length > maxChars) {
    body.text = truncateText(body.text, maxChars);
    truncated = true;
  }
  return { ok: true, activity: body, truncated };
}
