// Authorization headers /api/messages must refuse (401) once MicrosoftAppId is set, one per way a token goes wrong,
// and the Azure Bot registration types they are tried against. Shared by test/http/auth.test.ts (which checks the
// refusals and which of them are made before the Bot Framework SDK is asked) and the bench (which times them).
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

export const APP_ID = '00000000-0000-0000-0000-000000000001';
export const TENANT = '00000000-0000-0000-0000-0000000000aa';

/** An RS256 JWT with plausible Bot Framework claims, signed by a key nobody published. */
export function jwt(claims: Record<string, unknown> = {}, alg = 'RS256'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = part({ alg, typ: 'JWT', kid: `unknown-${randomUUID()}`, x5t: 'bm90LWEta2V5' });
  const body = part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/amer/', nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** Each Azure Bot registration type, with its settings. */
export const REGISTRATIONS: Record<string, Record<string, string>> = {
  MultiTenant: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
  SingleTenant: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT },
  UserAssignedMSI: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT },
};

export interface BadHeader {
  /** The Authorization header, or undefined for none. */
  authorization: string | undefined;
  /**
   * The server's own reason (src/server/token.ts) when the token can never pass and is refused before the SDK,
   * without any outbound request; null when only the SDK can tell (it would fetch OpenID metadata and keys).
   */
  refusedBeforeSdk: string | null;
}

/** Built once per call: each token is signed by a fresh key. */
export function badHeaders(): Record<string, BadHeader> {
  return {
    'no token': { authorization: undefined, refusedBeforeSdk: 'no token' },
    'a malformed token': { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.not-json.c2ln', refusedBeforeSdk: 'not a JWT' },
    'a token signed by an unknown key': { authorization: `Bearer ${jwt()}`, refusedBeforeSdk: null },
    'a token signed by an unknown key, Entra issuer': { authorization: `Bearer ${jwt({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', appid: APP_ID })}`, refusedBeforeSdk: null },
    'an expired token': { authorization: `Bearer ${jwt({ exp: Math.floor(Date.now() / 1000) - 3600 })}`, refusedBeforeSdk: 'expired' },
    'a token for another bot': { authorization: `Bearer ${jwt({ aud: '00000000-0000-0000-0000-00000000ffff' })}`, refusedBeforeSdk: 'audience is not this bot' },
    'an unsigned token (alg none)': { authorization: `Bearer ${jwt({}, 'none').split('.').slice(0, 2).join('.')}.`, refusedBeforeSdk: 'not a JWT' },
  };
}
