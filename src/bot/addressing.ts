// Who a message is for. In a Teams group chat or team channel many people talk: the bot answers only when
// @mentioned there, and reads the message without the mention. Decided on the conversation type, not the channel.
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
 * anything reads the text: dialogs/turn.ts caches it per turn). In a group only messages that @mention the bot,
 * and card clicks (a `value`, which only the bot receives), are for it.
 */
export function addressedToBot(ctx: TurnContext): boolean {
  const a = ctx.activity;
  const mentioned = mentionsBot(a);
  if (mentioned && typeof a.text === 'string') TurnContext.removeRecipientMention(a);
  if (!inGroup(a)) return true;
  return mentioned || (a.value !== undefined && a.value !== null);
}
