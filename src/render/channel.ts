// The only place that knows what each channel can show. Dialogs hand over the turn's channel id untouched and
// write their texts in Markdown (**bold**, "- " bullets); the renderers and `adaptText` shape them from here.

/** How a question's choices are offered. */
export type ChoiceStyle =
  | 'suggestedActions' // buttons under the message that vanish once used (Web Chat, Direct Line, Emulator)
  | 'adaptiveCard'     // an Adaptive Card with Action.Submit buttons; the click arrives as `value` (Teams)
  | 'heroCard'         // a hero card's imBack buttons (Azure's Slack channel shows them as Slack buttons)
  | 'numbered';        // "1. Yes" lines in the text; a typed number answers (dialogs/choices.ts matchChoice)

/** Which text markup the channel renders. */
export type Markup =
  | 'markdown' // **bold**, "- " lists (Web Chat, Emulator, Teams)
  | 'mrkdwn'   // Slack: *bold*, no Markdown lists
  | 'plain';   // anything else: no markup at all

export interface ChannelCapabilities {
  /** Shows Adaptive Cards 1.5 (the version Teams supports). */
  cards: boolean;
  choices: ChoiceStyle;
  markup: Markup;
}

const WEB: ChannelCapabilities = { cards: true, choices: 'suggestedActions', markup: 'markdown' };

const CAPABILITIES: Readonly<Record<string, ChannelCapabilities>> = {
  emulator: WEB,
  webchat: WEB,
  directline: WEB,
  msteams: { cards: true, choices: 'adaptiveCard', markup: 'markdown' },
  slack: { cards: false, choices: 'heroCard', markup: 'mrkdwn' },
};

/** Any channel not listed (SMS, a test adapter, a new channel): plain text with numbered choices. */
const OTHER: ChannelCapabilities = { cards: false, choices: 'numbered', markup: 'plain' };

export const capabilities = (channelId: string | undefined): ChannelCapabilities => CAPABILITIES[channelId ?? ''] ?? OTHER;

const BOLD = /\*\*(.+?)\*\*/g;
const BULLET = /^- /gm;

/**
 * Markdown (as the dialogs and content write it) in the channel's own markup. Idempotent, so a text a
 * renderer already shaped can pass through again unchanged.
 */
export function adaptText(channelId: string | undefined, markdown: string): string {
  switch (capabilities(channelId).markup) {
    case 'markdown': return markdown;
    case 'mrkdwn': return markdown.replace(BOLD, '*$1*').replace(BULLET, '• ');
    case 'plain': return markdown.replace(BOLD, '$1');
  }
}

/** For TurnContext.onSendActivities: every text the bot sends reaches the channel in its own markup. */
export function adaptOutgoing(channelId: string | undefined, activities: readonly { text?: string }[]): void {
  for (const a of activities) if (typeof a.text === 'string') a.text = adaptText(channelId, a.text);
}
