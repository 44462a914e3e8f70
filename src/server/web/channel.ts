// The web channel as the server sees it: the clinic page and the Direct Line routes it talks to, built once in
// app.ts and registered by server.ts.
import type restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { BotAdapter } from '../adapter.js';
import type { Settings } from '../../config.js';
import type { Messages } from '../../knowledge/schemas.js';
import type { Logger } from '../../log.js';
import type { DirectLineLog } from '../../storage/directline/log.js';
import { createDirectLineChannel, type RouteLimits } from '../directline/index.js';
import type { Metrics } from '../metrics.js';
import { registerPage } from './page.js';

export interface WebChannel {
  register(server: restify.Server, limits: RouteLimits): void;
  close(): void;
}

export interface WebChannelOptions {
  adapter: BotAdapter;
  bot: ActivityHandler;
  settings: Settings;
  messages: Messages;
  log: Logger;
  /** Largest Direct Line request body, in bytes (the same limit as /api/messages). */
  bodyLimit: number;
  /** The built-in Direct Line's conversations, in the app's store. */
  openLog: () => DirectLineLog;
  /** Turn counts and timings of the built-in Direct Line (GET /metrics). */
  metrics?: Metrics;
}

export async function createWebChannel(options: WebChannelOptions): Promise<WebChannel> {
  const directLine = await createDirectLineChannel(options);
  return {
    register: (server, limits) => {
      registerPage(server, options.settings, options.messages, options.log);
      directLine.register(server, limits);
    },
    close: () => directLine.close(),
  };
}
