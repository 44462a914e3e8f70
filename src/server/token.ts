// A cheap look at a Bot Framework bearer token before the SDK verifies it. The SDK fetches OpenID metadata
// and signing keys over the network for any JWT-shaped token; a token that could never pass (not a JWT, a
// wrong algorithm, expired, meant for another bot) is refused here at once, without any outbound request.
// This never accepts anything on its own: every token that passes is still verified by the adapter.

/** The signing algorithms the SDK allows (botframework-connector AuthenticationConstants). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** The SDK's clock tolerance, in seconds. */
const CLOCK_TOLERANCE = 5 * 60;

function part(segment: string | undefined): Record<string, unknown> | null {
  if (!segment || !/^[\w-]+$/.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

/** Why the Authorization header can never be valid for this bot, or null when only the SDK can tell. */
export function tokenRefusal(header: string, appId: string, nowSeconds = Date.now() / 1000): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return 'not a bearer token';
  const [head, payload, signature, ...rest] = m[1]!.split('.');
  const h = part(head);
  const p = part(payload);
  if (!h || !p || !signature || rest.length > 0) return 'not a JWT';
  if (typeof h.alg !== 'string' || !ALGORITHMS.has(h.alg)) return 'signing algorithm not allowed';
  if (typeof p.exp !== 'number' || p.exp + CLOCK_TOLERANCE < nowSeconds) return 'expired';
  const audience = Array.isArray(p.aud) ? p.aud : [p.aud];
  if (!audience.includes(appId)) return 'audience is not this bot';
  return null;
}
