// Tokens of the built-in Direct Line: JWTs (HS256, through jsonwebtoken, the library botframework-connector
// already uses) naming one conversation, its user and what the token is for. Nothing is stored per token, so
// any instance that has the signing key accepts them; the key is DIRECT_LINE_TOKEN_SECRET or the one kept in the
// store, so tokens outlive a restart.
import jwt from 'jsonwebtoken';
import { z } from 'zod';

/** Lifetime of a conversation token, as on Azure's Direct Line: Web Chat refreshes it every 15 minutes. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;
/** A stream token only opens the conversation's WebSocket, soon after it was handed out. */
export const STREAM_TOKEN_LIFETIME_SECONDS = 5 * 60;

const ISSUER = 'second-look/directline';

const Claims = z.object({
  /** The one conversation this token may start, read and post to. */
  conv: z.string().min(1),
  /** The user the conversation belongs to: activities posted with this token are from them. */
  user: z.string().min(1),
  /** conversation: the REST calls; stream: opening the WebSocket (the token sits in the streamUrl). */
  scope: z.enum(['conversation', 'stream']),
});
export type Claims = z.infer<typeof Claims>;
export type Scope = Claims['scope'];

export interface IssuedToken { token: string; expiresIn: number }

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'scope' };

export class TokenSigner {
  constructor(private readonly key: string, private readonly now: () => number = Date.now) {}

  issue(conv: string, user: string, scope: Scope = 'conversation'): IssuedToken {
    const expiresIn = scope === 'stream' ? STREAM_TOKEN_LIFETIME_SECONDS : TOKEN_LIFETIME_SECONDS;
    const claims: Claims & { iat: number } = { conv, user, scope, iat: Math.floor(this.now() / 1000) };
    return { token: jwt.sign(claims, this.key, { algorithm: 'HS256', expiresIn, issuer: ISSUER }), expiresIn };
  }

  /** The claims of a good token for `scope`; a token for another use, however well signed, is refused. */
  verify(token: string, scope: Scope = 'conversation'): TokenCheck {
    let payload: unknown;
    try {
      // The algorithm is pinned: a token saying "none" or RS256 is refused, whatever its header claims.
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, clockTimestamp: Math.floor(this.now() / 1000) });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) return { ok: false, reason: 'expired' };
      return { ok: false, reason: (err as Error).message.includes('signature') ? 'signature' : 'malformed' };
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'malformed' };
    if (claims.data.scope !== scope) return { ok: false, reason: 'scope' };
    return { ok: true, claims: claims.data };
  }
}
