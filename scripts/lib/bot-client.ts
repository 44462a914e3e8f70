// A client that speaks the Bot Framework protocol to /api/messages with deliveryMode "expectReplies", so replies
// come back in the HTTP body and the serviceUrl (a closed loopback port) is never dialled. Shared by the tests,
// the bench, the soak and `npm run eval`. Nothing here reaches beyond the URL it is given.
import { randomUUID } from 'node:crypto';

export interface Activity {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
}

/** POSTs any body (object → JSON, string → as is) to /api/messages. */
export async function postRaw(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<RawResponse> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, json, text };
}

/** Sends one activity with expectReplies and returns the replies; throws on any status but 200. */
export async function postActivity(url: string, activity: Record<string, unknown>): Promise<Activity[]> {
  const res = await postRaw(url, { ...activity, deliveryMode: 'expectReplies' });
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${res.text}`);
  const activities = (res.json as { activities?: Activity[] } | undefined)?.activities;
  if (!Array.isArray(activities)) throw new Error(`no activities array in the reply: ${res.text}`);
  return activities;
}

export interface Conversation {
  id: string;
  /** The base of every activity this conversation sends (channel, ids, serviceUrl). */
  base(): Record<string, unknown>;
  /** conversationUpdate adding the user: the conversation's start. */
  start(): Promise<Activity[]>;
  /** A message with this text. */
  say(text: string): Promise<Activity[]>;
  /** Any activity: fields given override the base (type defaults to message). */
  send(fields: Record<string, unknown>): Promise<Activity[]>;
}

const BOT = { id: 'second-look-bot', name: 'Second Look' };

/** A fresh Emulator-style conversation against the server at `url`. */
export function conversation(url: string): Conversation {
  const id = `test-${randomUUID()}`;
  const user = { id: `user-${randomUUID()}`, name: 'Test User', role: 'user' };
  const base = (): Record<string, unknown> => ({
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id },
    from: user,
    recipient: BOT,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  });
  const send = (fields: Record<string, unknown>) => postActivity(url, { ...base(), type: 'message', ...fields });
  return {
    id,
    base,
    start: () => send({ type: 'conversationUpdate', membersAdded: [user, BOT] }),
    say: (text) => send({ text, textFormat: 'plain' }),
    send,
  };
}
