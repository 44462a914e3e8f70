// The HTTP layer: restify with POST /api/messages and GET /healthz. Every answer is JSON, every error is
// a short message without a stack trace, and nothing a client sends can take the process down.
import { registerStaff, type StaffDeps } from './staff.js';
import restify from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { BotAdapter } from './adapter.js';
import type { Logger } from '../log.js';
import { checkActivity } from './activity.js';
import { DEFAULT_BODY_LIMIT, readJsonBody } from './body.js';
import { sendJson, sendJsonError } from './respond.js';
import { tokenRefusal } from './token.js';
import { LocalAccess } from './access.js';
import { bearerMatches, refuseMetrics, sendMetrics, type Metrics } from './metrics.js';
import { clientAddress, refuseIfLimited, refuseWithWait, type RateLimiter } from './rate-limit.js';

export interface ServerDeps {
  adapter: BotAdapter;
  bot: ActivityHandler;
  log: Logger;
  /** True when MicrosoftAppId is set: requests must carry a Bot Framework token. */
  authEnabled: boolean;
  /** MicrosoftAppId: a token for any other audience is refused before the SDK's network checks. */
  appId?: string;
  /** UNAUTHENTICATED_FROM: without authentication, the address ranges besides loopback that may call and be called. */
  unauthenticatedFrom?: readonly string[];
  maxMessageChars: number;
  bodyLimit?: number;
  /**
   * Per-minute limits on the public endpoints; also used by the page and Direct Line routes. With authentication
   * on, /api/messages counts verified channel requests per address against `perChannelAddress` (Azure's connector
   * addresses carry every Teams and Slack user) and only refused ones against `perAddress`.
   */
  limits: { perAddress: RateLimiter; perConversation: RateLimiter; perChannelAddress: RateLimiter; trustProxy: boolean };
  /** For /readyz: resolves when the store answers, rejects when it does not. */
  checkStore?: () => Promise<void>;
  /** The clinic's chat page and its Direct Line routes (src/server/web, src/server/directline). */
  webChannel?: { register(server: restify.Server, limits: ServerDeps['limits']): void };
  /** Counts and timings of turns (GET /metrics and METRICS_PORT read them). */
  metrics?: Metrics;
  /** METRICS_TOKEN: GET /metrics is served here only when it is set, to requests bearing it. */
  metricsToken?: string;
  /** STAFF_TOKEN and what the staff page reads: /staff is served only when it is set. */
  staff?: Omit<StaffDeps, 'log' | 'limited' | 'refused'>;
}

export interface BotServer {
  server: restify.Server;
  /** /healthz answers 200 only while ready: set once the bot can take turns, cleared on shutdown. */
  setReady(ready: boolean): void;
}

const UNAUTHORIZED = 'unauthorized: a valid Bot Framework token is required';
const notLocal = (address: string) => `unauthorized: without MicrosoftAppId, /api/messages takes requests from this machine only `
  + `(or the ranges in UNAUTHENTICATED_FROM), not from ${address}`;

export function createServer(deps: ServerDeps): BotServer {
  const { adapter, bot, log } = deps;
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const access = new LocalAccess(deps.unauthenticatedFrom);
  let ready = false;

  const server = restify.createServer({ name: 'second-look', handleUncaughtExceptions: false });
  // Slow clients must not hold sockets for minutes.
  server.server.requestTimeout = 30_000;
  server.server.headersTimeout = 15_000;

  // GET and HEAD alike (load balancers probe with either); Node sends no body in answer to HEAD.
  const healthz = async (_req: restify.Request, res: restify.Response) => {
    if (ready) sendJson(res, 200, { status: 'ok' });
    else sendJson(res, 503, { status: 'unavailable' });
  };
  server.get('/healthz', healthz);
  server.head('/healthz', healthz);

  // Liveness says the process serves HTTP; readiness also checks the conversation store answers.
  const readyz = async (_req: restify.Request, res: restify.Response) => {
    if (!ready) return sendJson(res, 503, { status: 'unavailable' });
    try {
      await deps.checkStore?.();
      return sendJson(res, 200, { status: 'ready' });
    } catch (err) {
      log.warn('readiness check failed: the store did not answer', { err: err as Error });
      return sendJson(res, 503, { status: 'store unavailable' });
    }
  };
  server.get('/readyz', readyz);
  server.head('/readyz', readyz);

  deps.webChannel?.register(server, deps.limits);

  // Off (404, like any unknown route) without METRICS_TOKEN; a wrong token counts against the address, as on
  // /api/messages, so that guessing is cut off (429).
  const { metrics, metricsToken } = deps;
  if (metrics && metricsToken) {
    const scrape = async (req: restify.Request, res: restify.Response) => {
      const address = clientAddress(req, deps.limits.trustProxy);
      const { perAddress } = deps.limits;
      try {
        if (refuseWithWait(perAddress.waiting(address), res, perAddress)) return;
        if (!bearerMatches(headerOf(req.headers.authorization), metricsToken)) {
          perAddress.take(address);
          return refuseMetrics(res);
        }
        await sendMetrics(req, res, metrics);
      } catch (err) {
        log.error('metrics scrape failed', { err: err as Error });
        if (!res.headersSent) sendJsonError(res, 500, 'internal error');
      }
    };
    server.get('/metrics', scrape);
    server.head('/metrics', scrape);
  }

  // The staff page: off (404) without STAFF_TOKEN; a wrong token counts against the address, as on /metrics.
  if (deps.staff) {
    const { perAddress, trustProxy } = deps.limits;
    registerStaff(server, {
      ...deps.staff, log,
      limited: (req, res) => refuseWithWait(perAddress.waiting(clientAddress(req, trustProxy)), res, perAddress),
      refused: (req) => perAddress.take(clientAddress(req, trustProxy)),
    });
  }

  server.post('/api/messages', async (req, res) => {
    let reqLog = log.child({ requestId: req.id() });
    const address = clientAddress(req, deps.limits.trustProxy);
    const { perAddress, perConversation, perChannelAddress } = deps.limits;
    /** With authentication on, refusals count against the address: one that keeps failing is cut off (429). */
    const refuse = () => {
      perAddress.take(address);
      sendJsonError(res, 401, UNAUTHORIZED);
    };
    try {
      if (deps.authEnabled) {
        if (refuseWithWait(perAddress.waiting(address), res, perAddress)) return;
        // A cheap refusal before reading the body and without any network; the SDK still verifies the token.
        const refusal = req.headers.authorization ? tokenRefusal(headerOf(req.headers.authorization), deps.appId ?? '') : 'no token';
        if (refusal) {
          reqLog.info('request refused: authentication', { reason: refusal });
          return refuse();
        }
      } else {
        // No token to check: only this machine (and UNAUTHENTICATED_FROM) may use the endpoint at all.
        if (!access.allowsClient(address)) {
          reqLog.info('request refused: not a local client');
          return sendJsonError(res, 401, notLocal(address));
        }
        if (refuseIfLimited(perAddress, address, res)) return;
      }
      const body = await readJsonBody(req, bodyLimit);
      if (!body.ok) return sendJsonError(res, body.status, body.error);
      const check = checkActivity(body.value, deps.maxMessageChars);
      if (!check.ok) return sendJsonError(res, check.status, check.error);
      const activity = check.activity as unknown as Activity;
      const conversationId = conversationIdOf(check.activity);
      reqLog = reqLog.child({ conversationId });
      // Unauthenticated replies go only to this machine or UNAUTHENTICATED_FROM, never where the activity says.
      if (!deps.authEnabled) {
        const badUrl = access.serviceUrlRefusal(activity.serviceUrl);
        if (badUrl) {
          reqLog.info('request refused: serviceUrl not allowed');
          return sendJsonError(res, 400, badUrl);
        }
      }

      let auth;
      try {
        // With MicrosoftAppId: the token's signature, issuer, audience, expiry and serviceurl claim (the SDK's checks).
        auth = await adapter.authenticate(headerOf(req.headers.authorization), activity);
      } catch (err) {
        if ((err as { statusCode?: unknown }).statusCode === 401) {
          reqLog.info('request refused: token rejected', { reason: (err as Error).message });
        } else {
          // E.g. the signing keys could not be fetched: the token could not be verified, so it is not trusted.
          reqLog.warn('request refused: token could not be verified', { err: err as Error });
        }
        return refuse();
      }
      // A verified channel (Azure Bot Service): its addresses are shared by every user, so their own, higher, limit.
      if (deps.authEnabled && refuseIfLimited(perChannelAddress, address, res)) return;
      if (refuseIfLimited(perConversation, `conversation:${conversationId}`, res)) return;
      if (check.truncated) reqLog.info('message text truncated', { limit: deps.maxMessageChars });

      // Turn errors are caught by the adapter's onTurnError; what arrives in the catch below is worse.
      const turn = () => adapter.handle(auth, activity, (context) => bot.run(context));
      const invoke = metrics ? await metrics.timeTurn(activity.channelId, turn) : await turn();
      // Invoke activities may carry their own status and body; expectReplies gives {activities: [...]}.
      return sendJson(res, invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      reqLog.error('request failed', { err: err as Error });
      if (!res.headersSent) sendJsonError(res, 500, 'internal error');
    }
  });

  // Unknown routes, wrong methods and anything restify itself refuses: the same JSON error shape.
  server.on('restifyError', (_req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, done: () => void) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (!res.headersSent) {
      const message = status === 404 ? 'not found' : status === 405 ? 'method not allowed' : status >= 500 ? 'internal error' : 'bad request';
      if (status >= 500) log.error('unhandled server error', { err });
      // restify's own send (not sendJson) so that restify marks the response as sent and stays quiet.
      res.header('content-type', 'application/json');
      res.send(status, { error: message });
    }
    done();
  });

  server.on('after', (req: restify.Request, res: restify.Response) => {
    log.debug('request', { requestId: req.id(), method: req.method, path: req.getPath(), status: res.statusCode });
  });

  return { server, setReady: (value) => { ready = value; } };
}

const headerOf = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] ?? '' : value ?? '');

function conversationIdOf(activity: Record<string, unknown>): string | undefined {
  const conversation = activity.conversation as { id?: unknown } | undefined;
  return typeof conversation?.id === 'string' ? conversation.id : undefined;
}
