// The Bot Framework adapter: authentication from the settings, and a turn error that apologises
// instead of crashing the process or leaving the person without an answer.
import {
  CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Settings } from '../config.js';
import type { Logger } from '../log.js';

export const FALLBACK_APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

type AuthSettings = Pick<Settings, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'>;

export interface AdapterOptions {
  log: Logger;
  /** What the person reads after a failed turn (content's messages.turnError when available). */
  apology?: string;
  /**
   * Tests only: where the Bot Framework's OpenID metadata (the keys that sign channel tokens) is read, instead of
   * https://login.botframework.com. Everything else stays the public cloud's, so a token signed by a key served
   * there is checked exactly as Azure's would be (issuer, audience, expiry, the serviceurl claim).
   */
  channelOpenIdMetadataUrl?: string;
}

/** The public cloud's values (botframework-connector's AuthenticationConstants), for channelOpenIdMetadataUrl. */
const PUBLIC_CLOUD = {
  ValidateAuthority: 'true',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
};

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
  /**
   * Verifies the request's token (throws, with statusCode 401 when refused); without MicrosoftAppId, an anonymous
   * identity. Separate from the turn so that the server can apply limits to verified channels only.
   */
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs one turn, authenticating first when given the header rather than authenticate()'s result. */
  handle(auth: string | AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return typeof auth === 'string' ? this.processActivity(auth, activity, logic) : this.processActivity(auth, activity, logic);
  }
}

export function createAdapter(settings: AuthSettings, options: AdapterOptions): BotAdapter {
  // With no MicrosoftAppId the SDK accepts unauthenticated requests (Emulator, local use).
  const config = options.channelOpenIdMetadataUrl
    ? { ...PUBLIC_CLOUD, ...authConfig(settings), ToBotFromChannelOpenIdMetadataUrl: options.channelOpenIdMetadataUrl }
    : authConfig(settings);
  const auth = new ConfigurationBotFrameworkAuthentication(config);
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
