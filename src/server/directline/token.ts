// Tokens of the built-in Direct Line: "<payload>.<signature>", the payload naming one conversation, its user
// and an expiry, signed with HMAC-SHA256. Nothing is stored server-side, so any instance that shares the signing
// secret accepts them; with no secret set each process draws its own (tokens then die with the process).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Lifetime of a token, as on Azure's Direct Line: Web Chat refreshes it every 15 minutes. */
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

const Claims = z.object({
  /** The one conversation this token may start, read and post to. */
  conv: z.string().min(1),
  /** The user the conversation belongs to: activities posted with this token are from them. */
  user: z.string().min(1),
  /** Expiry, in seconds since the epoch. */
  exp: z.number().int(),
});
export type Claims = z.infer<typeof Claims>;

export interface IssuedToken { token: string; expiresIn: number }

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string | undefined, private readonly now: () => number = Date.now) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  issue(conv: string, user: string, lifetime = TOKEN_LIFETIME_SECONDS): IssuedToken {
    const claims: Claims = { conv, user, exp: Math.floor(this.now() / 1000) + lifetime };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresIn: lifetime };
  }

  verify(token: string): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    let claims: Claims;
    try {
      claims = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
