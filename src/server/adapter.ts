// The Bot Framework adapter: authentication from the settings, and a turn error that apologises
// instead of crashing the process or leaving the person without an answer.
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext,
} from 'botbuilder';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';

export const FALLBACK_APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

type AuthSettings = Pick<Settings, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'>;

export interface AdapterOptions {
  log: Logger;
  /** What the person reads after a failed turn (content's messages.turnError when available). */
  apology?: string;
}

/** Only the keys that are set: the SDK's validators reject explicit undefined in places. */
function authConfig(s: AuthSettings): Record<string, string> {
  const entries = Object.entries({
    MicrosoftAppId: s.microsoftAppId,
    MicrosoftAppPassword: s.microsoftAppPassword,
    MicrosoftAppType: s.microsoftAppType,
    MicrosoftAppTenantId: s.microsoftAppTenantId,
  }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return Object.fromEntries(entries);
}

/**
 * CloudAdapter with its turn entry point opened up. `process()` would re-check the body, print errors with
 * console.error and answer with the SDK's own strings; the server has already checked the body and wants
 * to choose its JSON answers and log lines itself.
 */
export class BotAdapter extends CloudAdapter {
  /** Authenticates (throws an error with statusCode 401 when refused) and runs one turn. */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(settings: AuthSettings, options: AdapterOptions): BotAdapter {
  // With no MicrosoftAppId the SDK accepts unauthenticated requests (Emulator, local use).
  const auth = new ConfigurationBotFrameworkAuthentication(authConfig(settings));
  const adapter = new BotAdapter(auth);
  const apology = options.apology ?? FALLBACK_APOLOGY;

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const a = context.activity;
    // Identifiers only: never the text of the turn (the logger redacts it too).
    options.log.error('turn failed', {
      err: error,
      activityType: a?.type,
      channelId: a?.channelId,
      conversationId: a?.conversation?.id,
    });
    try {
      await context.sendActivity(apology);
    } catch (sendError) {
      options.log.error('could not send the turn-error apology', { err: sendError as Error, conversationId: a?.conversation?.id });
    }
  };
  return adapter;
}
