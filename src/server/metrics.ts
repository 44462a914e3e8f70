// The Prometheus metrics (GET /metrics, prom-client): counts and timings only. No message text, no conversation
// or user id, no finding per person, and only labels with a few fixed values (a channel id nobody expects is
// "other"), so a scrape tells a clinic the bot is up and how it is used and nothing about anyone in it.
// One registry per app (tests start several apps in one process), never prom-client's global one. An update
// never fails a turn: every one is wrapped, and a failure is logged once.
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Urgency } from '../knowledge/ids.js';
import type { Logger } from '../log.js';

/** The channels labelled by name; any other channel id is counted as "other". */
export const KNOWN_CHANNELS = ['directline', 'webchat', 'emulator', 'msteams', 'slack', 'test'] as const;
const KNOWN = new Set<string>(KNOWN_CHANNELS);
export const channelLabel = (channelId: unknown): string =>
  typeof channelId === 'string' && KNOWN.has(channelId) ? channelId : 'other';

const URGENCIES: readonly Urgency[] = ['routine', 'soon', 'urgent', 'emergency'];

/** What the shell tells the metrics after the interview core's result (src/bot/second-look-bot.ts). */
export interface TurnObservation {
  channelId: string | undefined;
  /** The core greeted: a conversation (or a restart of one) began. */
  started: boolean;
  /** The assessment given this turn, with the one given before it in the conversation (null: none yet). */
  assessment: { urgency: Urgency; previous: Urgency | null } | undefined;
  /** The person asked to be forgotten. */
  forgotten: boolean;
}

/** Where a store failure ended a request: a bot turn, or the built-in Direct Line's log (its 503s). */
export type StoreErrorSource = 'turn' | 'directline' | 'usage';
/** Which per-minute limit answered 429. */
export type LimitName = 'address' | 'conversation' | 'channel_address';

export class Metrics {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel'>;
  private readonly turnSeconds: Histogram<'channel'>;
  private readonly started: Counter<'channel'>;
  private readonly finished: Counter<'channel'>;
  private readonly assessments: Counter<'urgency'>;
  private readonly emergencies: Counter;
  private readonly forgotten: Counter;
  private readonly storeErrors: Counter<'source'>;
  private readonly limited: Counter<'limit'>;
  private warned = false;

  constructor(private readonly log?: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.turns = new Counter({ name: 'second_look_turns_total', help: 'Bot turns taken, by channel.', labelNames: ['channel'], registers });
    this.turnSeconds = new Histogram({
      name: 'second_look_turn_duration_seconds', help: 'Time to take one bot turn (reading, interview, replies, save), by channel.',
      labelNames: ['channel'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    this.started = new Counter({ name: 'second_look_conversations_started_total', help: 'Conversations greeted (started or restarted), by channel.', labelNames: ['channel'], registers });
    this.finished = new Counter({ name: 'second_look_conversations_finished_total', help: 'Conversations that reached their first assessment, by channel.', labelNames: ['channel'], registers });
    this.assessments = new Counter({ name: 'second_look_assessments_total', help: 'Assessments given (a changed one counts again), by urgency.', labelNames: ['urgency'], registers });
    this.emergencies = new Counter({ name: 'second_look_emergencies_total', help: 'Conversations whose assessment became an emergency.', registers });
    this.forgotten = new Counter({ name: 'second_look_forget_requests_total', help: 'Requests to forget everything kept about the person.', registers });
    this.storeErrors = new Counter({ name: 'second_look_store_errors_total', help: 'Requests that failed because the store did: bot turns, the built-in Direct Line\'s 503s, and usage counter writes (the turn went on).', labelNames: ['source'], registers });
    this.limited = new Counter({ name: 'second_look_rate_limited_total', help: 'Requests answered 429 by a per-minute limit, by limit.', labelNames: ['limit'], registers });
    // Every labelled series from the start, so that a dashboard sees zeros rather than gaps.
    for (const urgency of URGENCIES) this.assessments.labels(urgency).inc(0);
    for (const source of ['turn', 'directline', 'usage'] as const) this.storeErrors.labels(source).inc(0);
    for (const limit of ['address', 'conversation', 'channel_address'] as const) this.limited.labels(limit).inc(0);
  }

  /** Times a bot turn and counts it when it ends (failed or not). */
  async timeTurn<T>(channelId: unknown, turn: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      return await turn();
    } finally {
      this.safely(() => {
        const channel = channelLabel(channelId);
        this.turns.labels(channel).inc();
        this.turnSeconds.labels(channel).observe(Number(process.hrtime.bigint() - start) / 1e9);
      });
    }
  }

  /** The shell's observer: what the interview core did this turn. */
  readonly observe = (o: TurnObservation): void => this.safely(() => {
    const channel = channelLabel(o.channelId);
    if (o.started) this.started.labels(channel).inc();
    if (o.forgotten) this.forgotten.inc();
    const a = o.assessment;
    if (!a || !URGENCIES.includes(a.urgency)) return;
    this.assessments.labels(a.urgency).inc();
    if (a.previous === null) this.finished.labels(channel).inc();
    if (a.urgency === 'emergency' && a.previous !== 'emergency') this.emergencies.inc();
  });

  readonly storeError = (source: StoreErrorSource): void => this.safely(() => this.storeErrors.labels(source).inc());

  readonly rateLimited = (limit: LimitName): void => this.safely(() => this.limited.labels(limit).inc());

  private safely(update: () => void): void {
    try {
      update();
    } catch (err) {
      if (!this.warned) this.log?.warn('a metric update failed (the request went on)', { err: err as Error });
      this.warned = true;
    }
  }
}

/** Compares a presented bearer token with the configured one in constant time (digests of equal length). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const digest = (v: string) => createHash('sha256').update(v).digest();
  const ok = timingSafeEqual(digest(match?.[1] ?? ''), digest(token));
  return ok && match !== null;
}

/** Headers on every metrics answer: not cached, not sniffed, never embedded by another site. */
const GUARD_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Writes the scrape (HEAD: the headers only). */
export async function sendMetrics(req: IncomingMessage, res: ServerResponse, metrics: Metrics): Promise<void> {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { ...GUARD_HEADERS, 'content-type': metrics.registry.contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** 401 with nothing said about why (no token, a wrong one, a malformed header: all the same). */
export function refuseMetrics(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'unauthorized' });
  res.writeHead(401, {
    ...GUARD_HEADERS, 'www-authenticate': 'Bearer', 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * METRICS_PORT: /metrics alone on 127.0.0.1 (nothing else answers there, and no token is asked: only this
 * machine can reach it, e.g. a Prometheus agent beside the bot or an SSH tunnel).
 */
export function listenMetrics(port: number, metrics: Metrics, log: Logger): Promise<MetricsListener> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
        sendMetrics(req, res, metrics).catch((err: unknown) => {
          log.error('metrics scrape failed', { err: err as Error });
          if (!res.headersSent) { res.writeHead(500, GUARD_HEADERS); res.end(); }
        });
        return;
      }
      const body = JSON.stringify({ error: path === '/metrics' ? 'method not allowed' : 'not found' });
      res.writeHead(path === '/metrics' ? 405 : 404, { ...GUARD_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    });
    server.requestTimeout = 30_000;
    server.headersTimeout = 15_000;
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}
