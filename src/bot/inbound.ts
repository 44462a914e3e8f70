// What an incoming message is: whom it is for, and its text. In a Teams group chat or team channel many people
// talk: the bot answers only when @mentioned there, and reads the message without the mention (decided on the
// conversation type, not the channel). A card click carries its text in `value`.
import { TurnContext, type Activity } from 'botbuilder';

const GROUP_TYPES = new Set(['groupChat', 'channel']);

/** A group chat or a team channel (Teams' conversation.conversationType), as opposed to a 1:1 chat. */
export const inGroup = (activity: Partial<Activity>): boolean => GROUP_TYPES.has(activity.conversation?.conversationType ?? '');

/** Mention entities naming the bot; checked by hand because the SDK's helpers throw on malformed entities. */
function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return Array.isArray(activity.entities) && botId !== undefined && activity.entities.some((e) => {
    const m = e as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    return typeof m.type === 'string' && m.type.toLowerCase() === 'mention' && m.mentioned?.id === botId && typeof m.text === 'string';
  });
}

/**
 * True when the message is for the bot, and then takes the bot's @mention out of its text (call it before
 * anything reads the text). In a group only messages that @mention the bot,
 * and card clicks (a `value`, which only the bot receives), are for it.
 */
export function addressedToBot(ctx: TurnContext): boolean {
  const a = ctx.activity;
  const mentioned = mentionsBot(a);
  if (mentioned && typeof a.text === 'string') TurnContext.removeRecipientMention(a);
  if (!inGroup(a)) return true;
  return mentioned || (a.value !== undefined && a.value !== null);
}

/**
 * The text of a message: typed text, or a card submit's `value` ({text} or {answer}), as Teams and Adaptive Cards
 * send it. Empty when there is nothing to read.
 */
export function messageText(activity: Partial<Activity>): string {
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) return text;
  const value: unknown = activity.value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['text', 'answer', 'value']) if (typeof v[key] === 'string' && (v[key] as string).trim()) return (v[key] as string).trim();
  }
  return typeof value === 'string' ? value.trim() : '';
}
