// The web channel's server side, built once in app.ts: the token route, and the built-in Direct Line endpoint
// (REST and streamUrl) when no Azure secret is set, its conversations kept in the app's store.
import type restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { BotAdapter } from '../adapter.js';
import type { Settings } from '../../config.js';
import type { Logger } from '../../log.js';
import type { DirectLineLog } from '../../storage/directline/log.js';
import type { Metrics } from '../metrics.js';
import type { RateLimiter } from '../rate-limit.js';
import { Cors } from './cors.js';
import { registerDirectLine } from './routes.js';
import { refuseStreams, StreamServer } from './stream.js';
import { TokenSigner } from './token.js';
import { registerTokenRoute } from './token-route.js';
import { TurnRunner } from './turn.js';

export type DirectLineSettings = Pick<Settings,
  'allowedOrigins' | 'directLineSecret' | 'directLineEndpoint' | 'directLineTokenSecret' | 'directLineWebSocket' | 'maxMessageChars'>;

/** The server's per-minute limits (server.ts), applied here too. */
export interface RouteLimits { perAddress: RateLimiter; perConversation: RateLimiter; trustProxy: boolean }

export interface DirectLineChannel {
  register(server: restify.Server, limits: RouteLimits): void;
  /** Closes the open sockets (the store itself is closed by the app). */
  close(): void;
}

export interface DirectLineOptions {
  adapter: BotAdapter;
  bot: ActivityHandler;
  settings: DirectLineSettings;
  log: Logger;
  bodyLimit: number;
  /** Opens the built-in endpoint's conversations in the app's store; not called when Azure's is used. */
  openLog: () => DirectLineLog;
  /** Turn counts and timings, and the store's 503s (GET /metrics). */
  metrics?: Metrics;
}

export async function createDirectLineChannel({ adapter, bot, settings, log, bodyLimit, openLog, metrics }: DirectLineOptions): Promise<DirectLineChannel> {
  const cors = new Cors(settings.allowedOrigins);
  if (settings.directLineSecret) {
    const source = { kind: 'azure', secret: settings.directLineSecret, endpoint: settings.directLineEndpoint } as const;
    const register = (server: restify.Server, limits: RouteLimits) => {
      registerTokenRoute(server, source, { cors, log, limits });
      refuseStreams(server.server); // Azure streams its own conversations
    };
    return { register, close: () => {} };
  }

  const conversations = openLog();
  // The variable wins; without it the key kept in the store, so tokens outlive restarts and fit every instance.
  const signer = new TokenSigner(settings.directLineTokenSecret ?? await conversations.signingSecret());
  let stream: StreamServer | undefined;
  return {
    register: (server, limits) => {
      registerTokenRoute(server, { kind: 'builtin', signer }, { cors, log, limits });
      registerDirectLine(server, {
        log: conversations, signer, cors, logger: log, limits, turns: new TurnRunner(adapter, bot, metrics), metrics,
        maxMessageChars: settings.maxMessageChars, bodyLimit, webSocket: settings.directLineWebSocket,
      });
      if (settings.directLineWebSocket) {
        stream = new StreamServer({ log: conversations, signer, logger: log, limits, metrics });
        stream.attach(server.server);
      } else {
        refuseStreams(server.server);
      }
    },
    close: () => stream?.close(),
  };
}
