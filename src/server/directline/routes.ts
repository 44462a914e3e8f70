// The built-in Direct Line 3.0 endpoint under /v3/directline: the REST calls Web Chat's client makes with
// `webSocket: false` (start a conversation, post an activity, poll activities by watermark, refresh the token).
// Every call carries `Authorization: Bearer <token>`; a token opens only its own conversation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from '../../log.js';
import { checkActivity } from '../activity.js';
import { readJsonBody } from '../body.js';
import { clientAddress, refuseIfLimited } from '../rate-limit.js';
import { sendJson, sendJsonError } from '../respond.js';
import type { Cors } from './cors.js';
import type { RouteLimits } from './index.js';
import type { Conversation, ConversationStore } from './store.js';
import type { Claims, TokenSigner } from './token.js';
import { BOT_ACCOUNT, CHANNEL_ID, SERVICE_URL, type TurnRunner } from './turn.js';

export const DIRECT_LINE_PATH = '/v3/directline';

/** How long a POST waits for its turn before answering anyway (the replies still arrive by polling). */
const TURN_WAIT_MS = 10_000;

export interface DirectLineDeps {
  store: ConversationStore;
  signer: TokenSigner;
  turns: TurnRunner;
  cors: Cors;
  log: Logger;
  limits: RouteLimits;
  maxMessageChars: number;
  bodyLimit: number;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

export function registerDirectLine(server: restify.Server, deps: DirectLineDeps): void {
  const { store, signer, cors, log } = deps;
  const conversations = `${DIRECT_LINE_PATH}/conversations`;
  const activities = `${conversations}/:conversationId/activities`;
  const refresh = `${DIRECT_LINE_PATH}/tokens/refresh`;

  /** CORS, error safety and the token check shared by every route. */
  const route = (handle: (req: restify.Request, res: restify.Response, claims: Claims) => Promise<void>): Handler =>
    async (req, res) => {
      try {
        cors.apply(req, res);
        const claims = authorise(req, res, signer);
        if (claims) await handle(req, res, claims);
      } catch (err) {
        log.error('direct line request failed', { err: err as Error });
        sendJsonError(res, 500, 'internal error');
      }
    };

  /** The conversation named in the path, when the token is for it (403) and it exists (404). */
  const conversationOf = (req: restify.Request, res: ServerResponse, claims: Claims): Conversation | undefined => {
    const id = String(req.params.conversationId ?? '');
    if (id !== claims.conv) {
      sendJsonError(res, 403, 'this token is for another conversation');
      return undefined;
    }
    const conversation = store.get(id);
    if (!conversation) sendJsonError(res, 404, 'conversation not found (it may have expired)');
    return conversation;
  };

  const runTurn = (conversation: Conversation, activity: Partial<Activity>): Promise<void> => {
    const turn = conversation.turns.then(() => deps.turns.run(activity, (reply) => {
      if (store.append(conversation, { ...reply, from: { ...BOT_ACCOUNT, ...reply.from, role: 'bot' } }) === undefined) {
        log.warn('direct line conversation full: reply dropped', { conversationId: conversation.id });
      }
    })).catch((err: unknown) => {
      log.error('direct line turn failed', { err: err as Error, conversationId: conversation.id });
    });
    conversation.turns = turn;
    return waitAtMost(turn, TURN_WAIT_MS);
  };

  server.post(conversations, route(async (req, res, claims) => {
    if (refuseIfLimited(deps.limits.perAddress, clientAddress(req, deps.limits.trustProxy), res)) return;
    const existing = store.get(claims.conv);
    if (existing) return sendJson(res, 200, started(existing, claims, signer));
    const conversation = store.create(claims.conv, claims.user);
    if (!conversation) return sendJsonError(res, 503, 'too many conversations: try again later');
    // As Azure's service does: the bot hears that the person joined, and greets them before the first poll.
    await runTurn(conversation, inbound(conversation, {
      type: 'conversationUpdate',
      membersAdded: [{ id: conversation.userId, role: 'user' }, BOT_ACCOUNT],
    }));
    sendJson(res, 201, started(conversation, claims, signer));
  }));

  server.post(activities, route(async (req, res, claims) => {
    const conversation = conversationOf(req, res, claims);
    if (!conversation) return;
    // Each post is a bot turn; polling (GET) is not limited, it costs no turn.
    if (refuseIfLimited(deps.limits.perConversation, `directline:${conversation.id}`, res)) return;
    const body = await readJsonBody(req, deps.bodyLimit);
    if (!body.ok) return sendJsonError(res, body.status, body.error);
    if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return sendJsonError(res, 400, 'body must be a JSON object (an activity)');
    }
    const check = checkActivity(inbound(conversation, body.value as Record<string, unknown>), deps.maxMessageChars);
    if (!check.ok) return sendJsonError(res, check.status, check.error);
    const activity = check.activity as Partial<Activity>;
    // The echo of the person's own message, which Web Chat waits for to mark it as sent.
    const id = store.append(conversation, activity);
    if (id === undefined) return sendJsonError(res, 429, 'this conversation is too long: please start a new one');
    await runTurn(conversation, { ...activity, id });
    sendJson(res, 200, { id });
  }));

  server.get(activities, route(async (req, res, claims) => {
    const conversation = conversationOf(req, res, claims);
    if (!conversation) return;
    // restify parses no query string unless asked to; the URL's own parser is enough for one parameter.
    const watermark = new URL(req.url ?? '', 'http://localhost').searchParams.get('watermark') ?? undefined;
    sendJson(res, 200, store.since(conversation, watermark));
  }));

  server.post(refresh, route(async (_req, res, claims) => {
    const { token, expiresIn } = signer.issue(claims.conv, claims.user);
    sendJson(res, 200, { conversationId: claims.conv, token, expires_in: expiresIn });
  }));

  for (const path of [conversations, activities, refresh]) cors.preflight(server, path);
}

/** The token's claims, or undefined after answering 401 (no token) or 403 (bad, expired or forged token). */
function authorise(req: IncomingMessage, res: ServerResponse, signer: TokenSigner): Claims | undefined {
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

/** The answer to "start a conversation": its id and the token to go on with. */
function started(conversation: Conversation, claims: Claims, signer: TokenSigner) {
  const { token, expiresIn } = signer.issue(conversation.id, claims.user);
  return { conversationId: conversation.id, token, expires_in: expiresIn };
}

/**
 * An activity from the page, with what only the server may decide: the channel, the conversation, who it is
 * from (the token's user, whatever the client wrote) and to. Client fields such as text, value and
 * channelData (Web Chat's clientActivityID) are kept.
 */
function inbound(conversation: Conversation, fields: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, replyToId: _replyTo, deliveryMode: _mode, from, ...rest } = fields;
  const name = typeof (from as { name?: unknown } | undefined)?.name === 'string' ? (from as { name: string }).name : undefined;
  return {
    ...rest,
    channelId: CHANNEL_ID,
    serviceUrl: SERVICE_URL,
    conversation: { id: conversation.id },
    from: { id: conversation.userId, role: 'user', ...(name ? { name } : {}) },
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
