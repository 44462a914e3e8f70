import { ActionTypes, CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { adaptText, capabilities } from './channel.js';

export interface ChoiceView { title: string; value: string }

/** Adaptive Cards version: the newest one Teams renders. */
export const CARD_VERSION = '1.5';

/** Action.Submit buttons whose data is an object: the click arrives as `value: { text }` (dialogs/turn.ts reads it). */
export function submitCard(actions: readonly { title: string; text: string }[], body: unknown[] = []): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body,
    actions: actions.map((a) => ({ type: 'Action.Submit', title: a.title, data: { text: a.text } })),
  });
}

/**
 * A question with its choices, offered the way the channel can show them (src/render/channel.ts). Typed free
 * text always works too, and so does a typed number on a channel that shows the numbered list.
 */
export function questionActivity(channelId: string, markdown: string, choices: readonly ChoiceView[]): Partial<Activity> {
  const text = adaptText(channelId, markdown);
  const message = { type: 'message', inputHint: 'expectingInput' } as const;
  if (choices.length === 0) return { ...message, text };
  const imBack: CardAction[] = choices.map((c) => ({ type: ActionTypes.ImBack, title: c.title, value: c.value }));
  switch (capabilities(channelId).choices) {
    case 'suggestedActions':
      return { ...message, text, suggestedActions: { to: [], actions: imBack } };
    case 'adaptiveCard':
      return { ...message, text, attachments: [submitCard(choices.map((c) => ({ title: c.title, text: c.value })))] };
    case 'heroCard':
      return { ...message, text, attachments: [CardFactory.heroCard('', undefined, imBack)] };
    case 'numbered':
      return { ...message, text: `${text}\n\n${choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n')}` };
  }
}
