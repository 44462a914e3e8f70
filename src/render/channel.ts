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
  /**
   * The clinic page (web/chat.js) turns the summary's "Save summary" and "Copy" card buttons into a file download
   * and a clipboard copy in the browser. Elsewhere (the Emulator, Teams) nothing would catch them.
   */
  saveSummary: boolean;
}

const WEB: ChannelCapabilities = { cards: true, choices: 'suggestedActions', markup: 'markdown', saveSummary: false };
const CLINIC_PAGE: ChannelCapabilities = { ...WEB, saveSummary: true };

const CAPABILITIES: Readonly<Record<string, ChannelCapabilities>> = {
  emulator: WEB,
  webchat: CLINIC_PAGE,
  directline: CLINIC_PAGE,
  msteams: { cards: true, choices: 'adaptiveCard', markup: 'markdown', saveSummary: false },
  slack: { cards: false, choices: 'heroCard', markup: 'mrkdwn', saveSummary: false },
};

/** Any channel not listed (SMS, a test adapter, a new channel): plain text with numbered choices. */
const OTHER: ChannelCapabilities = { cards: false, choices: 'numbered', markup: 'plain', saveSummary: false };

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
