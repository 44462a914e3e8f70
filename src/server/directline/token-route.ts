// POST /api/directline/token: the one place the page gets its Direct Line token, so the page's code is the same
// with or without Azure. With DIRECT_LINE_SECRET set the secret is exchanged server-to-server with Azure's token
// endpoint (the secret never reaches the browser); without it the built-in endpoint issues the token.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type restify from 'restify';
import type { Logger } from '../../log.js';
import { clientAddress, refuseIfLimited } from '../rate-limit.js';
import { requestOrigin } from './origin.js';
import { sendJson, sendJsonError } from '../respond.js';
import type { Cors } from './cors.js';
import type { RouteLimits } from './index.js';
import { DIRECT_LINE_PATH } from './routes.js';
import type { TokenSigner } from './token.js';

export const TOKEN_PATH = '/api/directline/token';

/** What the page reads when no token can be had; it adds its own words for the person. */
export const TOKEN_UNAVAILABLE = 'the chat service is not available right now';

const AZURE_TIMEOUT_MS = 10_000;

export type TokenSource =
  | { kind: 'azure'; secret: string; endpoint: string }
  | { kind: 'builtin'; signer: TokenSigner };

export interface TokenAnswer { token: string; domain: string }

export interface TokenRouteDeps { cors: Cors; log: Logger; limits: RouteLimits }

export function registerTokenRoute(server: restify.Server, source: TokenSource, { cors, log, limits }: TokenRouteDeps): void {
  server.post(TOKEN_PATH, async (req, res) => {
    cors.apply(req, res);
    // Each token is a new conversation (and, with Azure, a call that Azure counts): limited per client address.
    if (refuseIfLimited(limits.perAddress, clientAddress(req, limits.trustProxy), res)) return;
    try {
      const answer = source.kind === 'azure'
        ? await azureToken(source.secret, source.endpoint, log)
        : builtinToken(source.signer, req, limits.trustProxy);
      if (answer) sendJson(res, 200, answer);
      else sendJsonError(res, 502, TOKEN_UNAVAILABLE);
    } catch (err) {
      log.error('token request failed', { err: err as Error });
      sendJsonError(res, 500, 'internal error');
    }
  });
  cors.preflight(server, TOKEN_PATH);
}

/** A token for a new conversation on this server; its user id is chosen here, so nobody can pose as someone else. */
function builtinToken(signer: TokenSigner, req: IncomingMessage, trustProxy: boolean): TokenAnswer {
  const { token } = signer.issue(randomBytes(16).toString('base64url'), `dl_${randomUUID()}`);
  return { token, domain: `${requestOrigin(req, trustProxy)}${DIRECT_LINE_PATH}` };
}

/** Azure's tokens/generate, with a user id of our choosing; undefined (and a log line) when Azure says no. */
async function azureToken(secret: string, endpoint: string, log: Logger): Promise<TokenAnswer | undefined> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: `dl_${randomUUID()}` } }),
      signal: AbortSignal.timeout(AZURE_TIMEOUT_MS),
    });
  } catch (err) {
    log.warn('Direct Line token endpoint unreachable', { endpoint, reason: (err as Error).message });
    return undefined;
  }
  const body = await response.json().catch(() => undefined) as { token?: unknown } | undefined;
  if (!response.ok || typeof body?.token !== 'string') {
    log.warn('Direct Line token endpoint refused', { endpoint, status: response.status });
    return undefined;
  }
  return { token: body.token, domain: endpoint };
}
