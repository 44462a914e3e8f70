// The only place that knows what each channel can show. Dialogs hand over the turn's channel id untouched.

/** Channels that render Adaptive Cards (Slack and SMS-like channels get text only). */
const CARD_CHANNELS = new Set(['emulator', 'webchat', 'directline', 'msteams', 'test']);

export const showsCards = (channelId: string | undefined): boolean => CARD_CHANNELS.has(channelId ?? '');
