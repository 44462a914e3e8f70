// The built-in Direct Line 3.0 endpoint under /v3/directline: the REST calls Web Chat's client makes (start a
// conversation, reconnect to one, post an activity, poll activities by watermark, refresh the token). Every
// call carries `Authorization: Bearer <token>`; a token opens only its own conversation. Conversations live in
// the store (DirectLineLog), so any instance answers any call.
import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../log.js';
import { LogUnavailableError, type DirectLineConversation, type DirectLineLog } from '../../storage/directline/log.js';
import { checkActivity } from '../activity.js';
import { readJsonBody } from '../body.js';
import { clientAddress, refuseIfLimited } from '../rate-limit.js';
import { sendJson, sendJsonError } from '../respond.js';
import type { Metrics } from '../metrics.js';
import type { Cors } from './cors.js';
import type { RouteLimits } from './index.js';
import { requestOrigin } from './origin.js';
import { streamUrl } from './stream.js';
import type { Claims, TokenSigner } from './token.js';
import { BOT_ACCOUNT, CHANNEL_ID, SERVICE_URL, type TurnRunner } from './turn.js';

export const DIRECT_LINE_PATH = '/v3/directline';

/** How long a POST waits for its turn before answering anyway (the replies still arrive by polling or socket). */
const TURN_WAIT_MS = 10_000;

/** What the page reads while the store is away; nothing was changed, so trying again is safe. */
export const STORE_UNAVAILABLE = 'the chat is unavailable for a moment: please try again';

export interface DirectLineDeps {
  log: DirectLineLog;
  signer: TokenSigner;
  turns: TurnRunner;
  cors: Cors;
  logger: Logger;
  limits: RouteLimits;
  maxMessageChars: number;
  bodyLimit: number;
  /** Whether answers offer a streamUrl (DIRECT_LINE_WEBSOCKET). */
  webSocket: boolean;
  /** Counts the store's 503s (GET /metrics). */
  metrics?: Metrics;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

export function registerDirectLine(server: restify.Server, deps: DirectLineDeps): void {
  const { log, signer, cors, logger } = deps;
  const conversations = `${DIRECT_LINE_PATH}/conversations`;
  const conversation = `${conversations}/:conversationId`;
  const activities = `${conversation}/activities`;
  const refresh = `${DIRECT_LINE_PATH}/tokens/refresh`;
  const turns = new TurnQueue();

  /** CORS, error safety and the token check shared by every route. */
  const route = (handle: (req: restify.Request, res: restify.Response, claims: Claims) => Promise<void>): Handler =>
    async (req, res) => {
      try {
        cors.apply(req, res);
        const claims = authorise(req, res, signer);
        if (claims) await handle(req, res, claims);
      } catch (err) {
        if (err instanceof LogUnavailableError) {
          logger.warn('direct line store unavailable', { err });
          deps.metrics?.storeError('directline');
          return sendJsonError(res, 503, STORE_UNAVAILABLE);
        }
        logger.error('direct line request failed', { err: err as Error });
        sendJsonError(res, 500, 'internal error');
      }
    };

  /** The conversation named in the path, when the token is for it (403) and it exists (404). */
  const conversationOf = async (req: restify.Request, res: ServerResponse, claims: Claims): Promise<DirectLineConversation | undefined> => {
    const id = String(req.params.conversationId ?? '');
    if (id !== claims.conv) {
      sendJsonError(res, 403, 'this token is for another conversation');
      return undefined;
    }
    const found = await log.get(id);
    if (!found) sendJsonError(res, 404, 'conversation not found (it may have expired)');
    return found;
  };

  /** The answer to "start" and "reconnect": the conversation, a fresh token, and where to stream from. */
  const joined = (req: restify.Request, c: DirectLineConversation, watermark?: string) => {
    const { token, expiresIn } = signer.issue(c.id, c.userId);
    const origin = requestOrigin(req, deps.limits.trustProxy);
    const stream = deps.webSocket ? { streamUrl: streamUrl(origin, c.id, signer.issue(c.id, c.userId, 'stream').token, watermark) } : {};
    return { conversationId: c.id, token, expires_in: expiresIn, ...stream };
  };

  /** One turn, after this instance's earlier turns of the conversation; its replies go to the log as sent. */
  const runTurn = (c: DirectLineConversation, activity: Partial<Activity>, echoId?: string): Promise<void> =>
    waitAtMost(turns.run(c.id, async () => {
      const outcome = await deps.turns.run(activity, async (reply) => {
        const kept = await log.append(c.id, { ...reply, from: { ...BOT_ACCOUNT, ...reply.from, role: 'bot' } });
        if (kept === undefined) logger.warn('direct line conversation full: reply dropped', { conversationId: c.id });
      });
      // "Forget me": what the person wrote and was asked goes; the goodbye sent after it stays for the page.
      if (outcome.forgotten && echoId) await log.forget(c.id, echoId);
    }).catch((err: unknown) => {
      logger.error('direct line turn failed', { err: err as Error, conversationId: c.id });
    }), TURN_WAIT_MS);

  server.post(conversations, route(async (req, res, claims) => {
    if (refuseIfLimited(deps.limits.perAddress, clientAddress(req, deps.limits.trustProxy), res)) return;
    const c = { id: claims.conv, userId: claims.user };
    if (!await log.start(c.id, c.userId)) return sendJson(res, 200, joined(req, c));
    // As Azure's service does: the bot hears that the person joined, and greets them before the first read.
    await runTurn(c, inbound(c, {
      type: 'conversationUpdate',
      membersAdded: [{ id: c.userId, role: 'user' }, BOT_ACCOUNT],
    }));
    sendJson(res, 201, joined(req, c));
  }));

  // Reconnect (after a reload, or when a socket dropped): a fresh token and streamUrl from `watermark` on.
  server.get(conversation, route(async (req, res, claims) => {
    const c = await conversationOf(req, res, claims);
    if (c) sendJson(res, 200, joined(req, c, watermarkOf(req)));
  }));

  server.post(activities, route(async (req, res, claims) => {
    const c = await conversationOf(req, res, claims);
    if (!c) return;
    // Each post is a bot turn; reading (GET, socket) is not limited, it costs no turn.
    if (refuseIfLimited(deps.limits.perConversation, `directline:${c.id}`, res)) return;
    const body = await readJsonBody(req, deps.bodyLimit);
    if (!body.ok) return sendJsonError(res, body.status, body.error);
    if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return sendJsonError(res, 400, 'body must be a JSON object (an activity)');
    }
    const check = checkActivity(inbound(c, body.value as Record<string, unknown>), deps.maxMessageChars);
    if (!check.ok) return sendJsonError(res, check.status, check.error);
    const activity = check.activity as Partial<Activity>;
    // The echo of the person's own message, which Web Chat waits for to mark it as sent.
    const id = await log.append(c.id, activity);
    if (id === undefined) return sendJsonError(res, 429, 'this conversation is too long: please start a new one');
    await runTurn(c, { ...activity, id }, id);
    sendJson(res, 200, { id });
  }));

  server.get(activities, route(async (req, res, claims) => {
    const c = await conversationOf(req, res, claims);
    if (!c) return;
    const page = await log.since(c.id, watermarkOf(req));
    if (page) sendJson(res, 200, page);
    else sendJsonError(res, 404, 'conversation not found (it may have expired)');
  }));

  server.post(refresh, route(async (_req, res, claims) => {
    const { token, expiresIn } = signer.issue(claims.conv, claims.user);
    sendJson(res, 200, { conversationId: claims.conv, token, expires_in: expiresIn });
  }));

  for (const path of [conversations, conversation, activities, refresh]) cors.preflight(server, path);
}

/** Each conversation's turns on this instance, one after another (the bot state's eTag guards across instances). */
class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(id: string, turn: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(id) ?? Promise.resolve()).then(turn);
    const tail = next.catch(() => {});
    this.tails.set(id, tail);
    // The map holds only conversations with a turn under way.
    void tail.then(() => { if (this.tails.get(id) === tail) this.tails.delete(id); });
    return next;
  }
}

/** The token's claims, or undefined after answering 401 (no token) or 403 (bad, expired or forged token). */
function authorise(req: restify.Request, res: ServerResponse, signer: TokenSigner): Claims | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    sendJsonError(res, 401, 'a Direct Line token is required (Authorization: Bearer <token>)');
    return undefined;
  }
  const check = signer.verify(match[1]!);
  if (!check.ok) {
    sendJsonError(res, 403, check.reason === 'expired' ? 'token expired' : 'invalid token');
    return undefined;
  }
  return check.claims;
}

/** restify parses no query string unless asked to; the URL's own parser is enough for one parameter. */
const watermarkOf = (req: restify.Request): string | undefined =>
  new URL(req.url ?? '', 'http://localhost').searchParams.get('watermark') ?? undefined;

/**
 * An activity from the page, with what only the server may decide: the channel, the conversation, who it is
 * from (the token's user, whatever the client wrote) and to. Client fields such as text, value and
 * channelData (Web Chat's clientActivityID) are kept.
 */
function inbound(c: DirectLineConversation, fields: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, replyToId: _replyTo, deliveryMode: _mode, from, ...rest } = fields;
  const name = typeof (from as { name?: unknown } | undefined)?.name === 'string' ? (from as { name: string }).name : undefined;
  return {
    ...rest,
    channelId: CHANNEL_ID,
    serviceUrl: SERVICE_URL,
    conversation: { id: c.id },
    from: { id: c.userId, role: 'user', ...(name ? { name } : {}) },
    recipient: BOT_ACCOUNT,
    timestamp: new Date().toISOString(),
  };
}

async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
