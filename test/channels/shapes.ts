// Activities as each channel sends them, modelled on recorded traffic: the Bot Framework Emulator, Direct Line
// (Web Chat), Microsoft Teams (personal chat, and a team channel where the bot is @mentioned) and Slack through
// Azure Bot Service. Ids are made up; the fields and their nesting are the channels' own.
import { randomUUID } from 'node:crypto';

export type Fields = Record<string, unknown>;

export interface ChannelShape {
  name: string;
  /** The start of a conversation (a conversationUpdate), or null where the person's first message starts it. */
  start(): Fields | null;
  /** A typed message. */
  message(text: string): Fields;
  /** A button press: `value` is what the bot put in the button (imBack value or Action.Submit data.text). */
  press(value: string): Fields;
}

const SERVICE_URL = 'http://127.0.0.1:1'; // never dialled: every request uses expectReplies
const BOT_APP_ID = '00000000-0000-0000-0000-0000000000b0';
const TENANT = '72f988bf-0000-0000-0000-00000000000a';
const now = () => new Date().toISOString();

export function emulator(): ChannelShape {
  const conversation = { id: `${randomUUID()}|livechat` };
  const from = { id: randomUUID(), name: 'User', role: 'user' };
  const recipient = { id: randomUUID(), name: 'Bot', role: 'bot' };
  const base = (): Fields => ({ channelId: 'emulator', serviceUrl: SERVICE_URL, conversation, from, recipient, id: randomUUID(), timestamp: now(), localTimestamp: now(), locale: 'en-US', channelData: { clientActivityID: `${Date.now()}abc`, clientTimestamp: now() } });
  // The Emulator adds the bot and the user in one conversationUpdate; buttons (imBack) post their value as text.
  return {
    name: 'Emulator',
    start: () => ({ ...base(), type: 'conversationUpdate', membersAdded: [recipient, from] }),
    message: (text) => ({ ...base(), type: 'message', text, textFormat: 'plain' }),
    press: (value) => ({ ...base(), type: 'message', text: value, textFormat: 'plain' }),
  };
}

export function directLine(): ChannelShape {
  const conversation = { id: `${randomUUID().replaceAll('-', '').slice(0, 22)}-us` };
  const from = { id: `dl_${randomUUID()}`, name: '', role: 'user' };
  const recipient = { id: 'second-look-bot@6kT1m8c4Q0A', name: 'Second Look' };
  const base = (): Fields => ({
    channelId: 'directline', serviceUrl: SERVICE_URL, conversation, from, recipient, id: `${conversation.id}|0000001`, timestamp: now(), locale: 'en-US',
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
    channelData: { clientActivityID: `${Date.now()}x1y2z3`, clientTimestamp: now() },
  });
  // Direct Line adds the bot, then the user; Web Chat posts a suggested action's value as text.
  return {
    name: 'Direct Line (Web Chat)',
    start: () => ({ ...base(), type: 'conversationUpdate', membersAdded: [from] }),
    message: (text) => ({ ...base(), type: 'message', text, textFormat: 'plain' }),
    press: (value) => ({ ...base(), type: 'message', text: value, textFormat: 'plain' }),
  };
}

interface TeamsOptions { scope: 'personal' | 'channel' }

function teams({ scope }: TeamsOptions): ChannelShape & { unaddressed(text: string): Fields } {
  const teamId = '19:0aUP6t7sKq0mZ1Q3@thread.tacv2';
  const conversation = scope === 'personal'
    ? { conversationType: 'personal', tenantId: TENANT, id: `a:1${randomUUID().replaceAll('-', '')}` }
    : { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${teamId};messageid=${Date.now()}` };
  const from = { id: `29:1${randomUUID().replaceAll('-', '')}`, name: 'Alex Kim', aadObjectId: randomUUID() };
  const recipient = { id: `28:${BOT_APP_ID}`, name: 'Second Look' };
  const channelData = scope === 'personal'
    ? { tenant: { id: TENANT } }
    : { teamsChannelId: teamId, teamsTeamId: teamId, channel: { id: teamId }, team: { id: teamId }, tenant: { id: TENANT } };
  const clientInfo = { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'America/New_York' };
  const base = (): Fields => ({
    channelId: 'msteams', serviceUrl: SERVICE_URL, conversation, from, recipient, id: `${Date.now()}`, timestamp: now(),
    localTimestamp: now(), locale: 'en-US', localTimezone: 'America/New_York', channelData,
  });
  const mentionEntity = { type: 'mention', mentioned: recipient, text: '<at>Second Look</at>' };
  return {
    name: scope === 'personal' ? 'Teams personal' : 'Teams channel (@mention)',
    // Installing the app in personal scope adds the bot itself to the 1:1 chat; in a team nobody is greeted.
    start: () => (scope === 'personal' ? { ...base(), type: 'conversationUpdate', membersAdded: [{ id: recipient.id }] } : null),
    message: (text) => scope === 'personal'
      ? { ...base(), type: 'message', text, textFormat: 'plain', entities: [clientInfo] }
      : { ...base(), type: 'message', text: `<at>Second Look</at> ${text}`, textFormat: 'plain', entities: [mentionEntity, clientInfo] },
    /** A message that does not @mention the bot (in a channel: people talking among themselves). */
    unaddressed: (text) => ({ ...base(), type: 'message', text, textFormat: 'plain', entities: [clientInfo] }),
    // Action.Submit: no text, the button's data as `value`, and the card message it came from.
    press: (value) => ({
      ...base(), type: 'message', value: { text: value }, replyToId: `${Date.now() - 1000}`,
      channelData: { ...channelData, source: { name: 'message' }, legacy: { replyToId: `1:${randomUUID()}` } },
      entities: [clientInfo],
    }),
  };
}

export const teamsPersonal = (): ChannelShape => teams({ scope: 'personal' });
export const teamsChannel = (): ChannelShape & { unaddressed(text: string): Fields } => teams({ scope: 'channel' });

export function slack(): ChannelShape {
  const team = 'T01AB2CD3EF';
  const user = 'U02GH3IJ4KL';
  const bot = 'B03MN4OP5QR';
  const channel = `D${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`; // a new direct-message channel per conversation
  const conversation = { id: `${bot}:${team}:${channel}` };
  const from = { id: `${user}:${team}`, name: 'alex.kim' };
  const recipient = { id: `${bot}:${team}`, name: 'second-look' };
  const base = (): Fields => ({ channelId: 'slack', serviceUrl: SERVICE_URL, conversation, from, recipient, id: randomUUID(), timestamp: now() });
  const ts = () => `${(Date.now() / 1000).toFixed(6)}`;
  return {
    name: 'Slack',
    start: () => null, // Azure's Slack channel sends the person's first direct message, with no conversationUpdate first
    message: (text) => ({
      ...base(), type: 'message', text,
      channelData: {
        SlackMessage: {
          token: 'verification-token', team_id: team, api_app_id: 'A05YZ6AB7CD', type: 'event_callback', event_id: `Ev${Date.now()}`, event_time: Math.floor(Date.now() / 1000),
          event: { type: 'message', channel_type: 'im', user, text, ts: ts(), event_ts: ts(), channel, team },
          authed_users: [user],
        },
        ApiToken: 'xoxb-not-a-real-token',
      },
    }),
    // A hero-card button pressed in Slack comes back as an interactive payload, with the imBack value as text.
    press: (value) => ({
      ...base(), type: 'message', text: value,
      channelData: {
        SlackMessage: {
          payload: {
            type: 'interactive_message', actions: [{ name: value, type: 'button', value }], callback_id: randomUUID(),
            team: { id: team, domain: 'clinic' }, channel: { id: channel, name: 'directmessage' }, user: { id: user, name: 'alex.kim' },
            action_ts: ts(), message_ts: ts(), attachment_id: '1', token: 'verification-token', is_app_unfurl: false,
          },
        },
        ApiToken: 'xoxb-not-a-real-token',
      },
    }),
  };
}

/** Any other channel, e.g. SMS through Twilio: plain text, and a typed number answers a numbered choice. */
export function sms(): ChannelShape {
  const person = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const base = (): Fields => ({ channelId: 'sms', serviceUrl: SERVICE_URL, conversation: { id: person }, from: { id: person }, recipient: { id: '+15550100999' }, id: randomUUID(), timestamp: now() });
  return {
    name: 'SMS (any other channel)',
    start: () => null,
    message: (text) => ({ ...base(), type: 'message', text }),
    press: (value) => ({ ...base(), type: 'message', text: value }),
  };
}
