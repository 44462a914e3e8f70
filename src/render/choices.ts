import { ActionTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import { supportsCardActions, supportsSuggestedActions } from 'botbuilder-dialogs';

export interface ChoiceView { title: string; value: string }

/**
 * A question with its choices: suggested-action buttons where the channel has them (Web Chat, Emulator), a
 * hero card's buttons where it has card actions (Teams; Slack shows them as buttons), otherwise a numbered
 * list that a typed number answers. Typed free text always works too.
 */
export function questionActivity(channelId: string, text: string, choices: readonly ChoiceView[]): Partial<Activity> {
  if (choices.length === 0) return { type: 'message', text, inputHint: 'expectingInput' };
  const actions: CardAction[] = choices.map((c) => ({ type: ActionTypes.ImBack, title: c.title, value: c.value }));
  if (supportsSuggestedActions(channelId, choices.length)) {
    return { type: 'message', text, inputHint: 'expectingInput', suggestedActions: { to: [], actions } };
  }
  if (supportsCardActions(channelId, choices.length)) {
    return { type: 'message', text, inputHint: 'expectingInput', attachments: [CardFactory.heroCard('', undefined, actions)] };
  }
  const list = choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
  return { type: 'message', text: `${text}\n\n${list}`, inputHint: 'expectingInput' };
}
