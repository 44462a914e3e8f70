// The web channel's server side, built once in app.ts: the token route, and the built-in Direct Line endpoint
// when no Azure secret is set.
import type restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { BotAdapter } from '../adapter.js';
import type { Settings } from '../../config.js';
import type { Logger } from '../../log.js';
import type { RateLimiter } from '../rate-limit.js';
import { Cors } from './cors.js';
import { registerDirectLine } from './routes.js';
import { ConversationStore } from './store.js';
import { TokenSigner } from './token.js';
import { registerTokenRoute } from './token-route.js';
import { TurnRunner } from './turn.js';

export type DirectLineSettings = Pick<Settings,
  'allowedOrigins' | 'directLineSecret' | 'directLineEndpoint' | 'directLineTokenSecret' | 'conversationTtl' | 'maxMessageChars'>;

/** The server's per-minute limits (server.ts), applied here too. */
export interface RouteLimits { perAddress: RateLimiter; perConversation: RateLimiter; trustProxy: boolean }

export interface DirectLineChannel {
  register(server: restify.Server, limits: RouteLimits): void;
  /** Stops the sweeper of expired conversations. */
  close(): void;
}

export interface DirectLineOptions {
  adapter: BotAdapter;
  bot: ActivityHandler;
  settings: DirectLineSettings;
  log: Logger;
  bodyLimit: number;
}

export function createDirectLineChannel({ adapter, bot, settings, log, bodyLimit }: DirectLineOptions): DirectLineChannel {
  const cors = new Cors(settings.allowedOrigins);
  if (settings.directLineSecret) {
    const source = { kind: 'azure', secret: settings.directLineSecret, endpoint: settings.directLineEndpoint } as const;
    return { register: (server, limits) => registerTokenRoute(server, source, { cors, log, limits }), close: () => {} };
  }

  const ttlMs = settings.conversationTtl * 1000;
  const store = new ConversationStore(ttlMs);
  const signer = new TokenSigner(settings.directLineTokenSecret);
  const sweeper = setInterval(() => store.sweep(), Math.min(ttlMs, 60_000));
  sweeper.unref();
  return {
    register: (server, limits) => {
      registerTokenRoute(server, { kind: 'builtin', signer }, { cors, log, limits });
      registerDirectLine(server, {
        store, signer, cors, log, limits, turns: new TurnRunner(adapter, bot), maxMessageChars: settings.maxMessageChars, bodyLimit,
      });
    },
    close: () => clearInterval(sweeper),
  };
}
