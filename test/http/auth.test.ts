// With MicrosoftAppId set, /api/messages requires a Bot Framework token. These requests never leave
// loopback: a missing or non-JWT header is refused before any OpenID metadata would be fetched.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { conversation, postRaw, startTestServer, type TestServer } from '../support/server.js';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const TENANT = '00000000-0000-0000-0000-0000000000aa';

/** An RS256 JWT with plausible Bot Framework claims, signed by a key nobody published. */
function jwt(claims: Record<string, unknown> = {}, alg = 'RS256'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = part({ alg, typ: 'JWT', kid: `unknown-${randomUUID()}`, x5t: 'bm90LWEta2V5' });
  const body = part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/amer/', nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** Each Azure Bot registration type, with its settings. */
const REGISTRATIONS: Record<string, Record<string, string>> = {
  MultiTenant: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
  SingleTenant: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT },
  UserAssignedMSI: { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT },
};

/** Authorization headers that must all get 401, within 2 s, with no network (none is reachable here). */
const BAD_HEADERS: Record<string, string | undefined> = {
  'no token': undefined,
  'a malformed token': 'Bearer eyJhbGciOiJSUzI1NiJ9.not-json.c2ln',
  'a token signed by an unknown key': `Bearer ${jwt()}`,
  'a token signed by an unknown key, Entra issuer': `Bearer ${jwt({ iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0', appid: APP_ID })}`,
  'an expired token': `Bearer ${jwt({ exp: Math.floor(Date.now() / 1000) - 3600 })}`,
  'a token for another bot': `Bearer ${jwt({ aud: '00000000-0000-0000-0000-00000000ffff' })}`,
  'an unsigned token (alg none)': `Bearer ${jwt({}, 'none').split('.').slice(0, 2).join('.')}.`,
};

describe('HTTP authentication: every registration type refuses bad tokens quickly, offline', () => {
  for (const [type, env] of Object.entries(REGISTRATIONS)) {
    describe(type, () => {
      let app: TestServer;
      before(async () => { app = await startTestServer(env); });
      after(async () => { await app?.close(); });

      for (const [what, authorization] of Object.entries(BAD_HEADERS)) {
        it(`${what}: 401 within 2 s, a JSON error and nothing else`, async () => {
          const c = conversation(app.url);
          const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
          const started = Date.now();
          const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, headers);
          expect(Date.now() - started, 'milliseconds').to.be.lessThan(2000);
          expect(res.status).to.equal(401);
          expect(res.json).to.deep.equal({ error: 'unauthorized: a valid Bot Framework token is required' });
        });
      }
    });
  }
});

describe('HTTP authentication', () => {
  describe('with MicrosoftAppId set', () => {
    let app: TestServer;
    before(async () => {
      app = await startTestServer({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
      });
    });
    after(async () => { await app?.close(); });

    it('a request without an Authorization header gets 401 quickly', async () => {
      const c = conversation(app.url);
      const started = Date.now();
      const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(401);
      expect(res.json).to.have.property('error');
      expect(Date.now() - started).to.be.lessThan(2000);
    });

    it('a request with a bearer value that is not a JWT gets 401', async () => {
      const c = conversation(app.url);
      const res = await postRaw(
        app.url,
        { ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' },
        { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      );
      expect(res.status).to.equal(401);
      expect(res.text).to.not.match(/\n\s+at /);
    });

    it('/healthz needs no token', async () => {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).to.equal(200);
    });
  });

  describe('without MicrosoftAppId', () => {
    let app: TestServer;
    before(async () => { app = await startTestServer(); });
    after(async () => { await app?.close(); });

    it('accepts unauthenticated requests (Emulator, local use)', async () => {
      const replies = await conversation(app.url).say('hello');
      expect(replies).to.be.an('array').that.is.not.empty;
    });
  });
});
