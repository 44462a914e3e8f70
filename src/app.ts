// Builds the running bot from settings: knowledge → storage → bot → adapter → server, then listens.
// index.ts calls it for the real process; tests call it in-process on port 0.
import type { AddressInfo } from 'node:net';
import type { ActivityHandler } from 'botbuilder';
import { createBot } from './bot/create-bot.js';
import { authenticationEnabled, type Settings } from './config.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { log as processLog, type Logger } from './log.js';
import { fill } from './render/template.js';
import { createAdapter, FALLBACK_APOLOGY } from './server/adapter.js';
import { DEFAULT_BODY_LIMIT } from './server/body.js';
import { listenMetrics, Metrics, type MetricsListener } from './server/metrics.js';
import { RateLimiter } from './server/rate-limit.js';
import { createServer } from './server/server.js';
import { createWebChannel } from './server/web/channel.js';
import { createStorage, openDirectLineLog, openUsageStats } from './storage/factory.js';
import { dayOf } from './storage/usage/stats.js';

export interface AppOptions {
  /** Already-loaded knowledge (tests); otherwise loaded from content/ (throws ContentError). */
  knowledge?: Knowledge;
  contentDir?: string;
  log?: Logger;
  /** Largest request body accepted on /api/messages, in bytes. */
  bodyLimit?: number;
  /** Another bot factory with the same signature (tests use one that fails, to exercise turn errors). */
  createBot?: (deps: Parameters<typeof createBot>[0]) => ActivityHandler;
  /** Tests only: a local stand-in for the Bot Framework's OpenID metadata, to verify tokens signed by test keys. */
  channelOpenIdMetadataUrl?: string;
}

export interface RunningApp {
  url: string;
  port: number;
  /** METRICS_PORT's listener (127.0.0.1), e.g. http://127.0.0.1:9464/metrics; undefined when it is not set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

export async function startApp(settings: Settings, opts: AppOptions = {}): Promise<RunningApp> {
  const log = opts.log ?? processLog;
  const knowledge = opts.knowledge ?? loadKnowledge(opts.contentDir);
  const storage = await createStorage(settings, log);
  const clinic = { emergencyNumber: settings.emergencyNumber, clinicName: settings.clinicName, clinicPhone: settings.clinicPhone };
  // This app's own registry (never prom-client's global one): tests run several apps in one process.
  const metrics = new Metrics(log);
  // Daily usage counters (the staff page): added after each saved turn; a failed write is logged and counted,
  // and the turn goes on.
  const usage = openUsageStats(storage, settings.statsRetentionDays);
  const counted = async (counts: Record<string, number>) => {
    try {
      await usage.add(dayOf(Date.now()), counts);
    } catch (err) {
      log.warn('a usage counter write failed (the turn went on)', { err: err as Error });
      metrics.storeError('usage');
    }
  };
  const bot = (opts.createBot ?? createBot)({
    storage, knowledge, settings: clinic, maxMessageChars: settings.maxMessageChars,
    observe: metrics.observe, storeFailed: () => metrics.storeError('turn'), counted,
  });
  // The apology comes from content when it has one (optional chaining: test stand-ins may lack messages).
  const turnError = knowledge.messages?.turnError;
  const adapterOptions = { log, apology: turnError ? fill(turnError, clinic) : FALLBACK_APOLOGY };
  const adapter = createAdapter(settings, { ...adapterOptions, channelOpenIdMetadataUrl: opts.channelOpenIdMetadataUrl });
  // The clinic page and the built-in Direct Line: the same bot as /api/messages. Its activities come from this
  // process (not over HTTP from Azure, with no Bot Framework token), so its adapter does not authenticate.
  const webChannel = await createWebChannel({
    adapter: createAdapter({ microsoftAppId: undefined, microsoftAppPassword: undefined, microsoftAppType: 'MultiTenant', microsoftAppTenantId: undefined }, adapterOptions),
    bot, settings, messages: knowledge.messages, log, bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    openLog: () => openDirectLineLog(storage), metrics,
  });
  const { server, setReady } = createServer({
    adapter,
    bot,
    log,
    authEnabled: authenticationEnabled(settings),
    appId: settings.microsoftAppId,
    unauthenticatedFrom: settings.unauthenticatedFrom,
    maxMessageChars: settings.maxMessageChars,
    bodyLimit: opts.bodyLimit,
    limits: {
      perAddress: new RateLimiter({ limit: settings.rateLimitPerAddress, windowMs: 60_000, onRefused: () => metrics.rateLimited('address') }),
      perConversation: new RateLimiter({ limit: settings.rateLimitPerConversation, windowMs: 60_000, onRefused: () => metrics.rateLimited('conversation') }),
      perChannelAddress: new RateLimiter({
        limit: settings.rateLimitPerChannelAddress, windowMs: 60_000, onRefused: () => metrics.rateLimited('channel_address'),
      }),
      trustProxy: settings.trustProxy,
    },
    checkStore: async () => { await storage.read(['second-look/readyz-probe']); },
    webChannel,
    metrics,
    metricsToken: settings.metricsToken,
    ...(settings.staffToken ? { staff: { token: settings.staffToken, stats: usage, knowledge } } : {}),
  });

  // The store is open from here on: a failed listen must release it (the SQLite file, the Redis connection).
  const closeStorage = () => storage.close().catch((err: unknown) => log.warn('storage did not close cleanly', { err: err as Error }));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => { void closeStorage().then(() => reject(err)); };
    server.server.once('error', onError);
    server.listen(settings.port, settings.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  let metricsListener: MetricsListener | undefined;
  if (settings.metricsPort !== undefined) {
    try {
      metricsListener = await listenMetrics(settings.metricsPort, metrics, log);
    } catch (err) {
      await new Promise<void>((resolve) => { server.close(() => resolve()); });
      await closeStorage();
      throw err;
    }
  }
  setReady(true);

  const port = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(settings.host)}:${port}`,
    port,
    ...(metricsListener ? { metricsUrl: `http://127.0.0.1:${metricsListener.port}/metrics` } : {}),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        setReady(false);
        webChannel.close();
        // Idle keep-alive sockets would hold close() open; busy ones get a moment to finish their turn.
        const force = setTimeout(() => server.server.closeAllConnections(), 5_000);
        force.unref();
        const metricsClosed = metricsListener?.close() ?? Promise.resolve();
        server.close(() => { clearTimeout(force); void metricsClosed.then(closeStorage).then(resolve); });
        server.server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** A host a client can dial: wildcard addresses mean "this machine". */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
