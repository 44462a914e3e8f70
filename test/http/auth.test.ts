// With MicrosoftAppId set, /api/messages requires a Bot Framework token. A token that can never pass (none, not a
// JWT, expired, for another bot) is refused by the server's own check, before any OpenID metadata would be
// fetched; the rest is left to the SDK, whose fetch of Microsoft's keys cannot leave loopback here.
import { expect } from 'chai';
import { APP_ID, badHeaders, REGISTRATIONS } from '../../scripts/lib/bad-tokens.js';
import { conversation, postRaw, startTestServer, type TestServer } from '../support/server.js';

/** The reasons the server gave, in its log, for refusing requests before the SDK, among `lines`. */
const refusedBeforeSdk = (lines: string[]): unknown[] => lines.map((l) => JSON.parse(l) as { msg?: string; reason?: unknown })
  .filter((l) => l.msg === 'request refused: authentication').map((l) => l.reason);

// How long each refusal takes is the bench's figure (`npm run bench -- --only auth`), not an assertion here.
describe('HTTP authentication: every registration type refuses bad tokens, the hopeless ones before the SDK (offline)', () => {
  for (const [type, env] of Object.entries(REGISTRATIONS)) {
    describe(type, () => {
      let app: TestServer;
      before(async () => { app = await startTestServer(env); });
      after(async () => { await app?.close(); });

      for (const [what, { authorization, refusedBeforeSdk: reason }] of Object.entries(badHeaders())) {
        it(`${what}: 401, a JSON error and nothing else; ${reason ? `refused before the SDK (${reason})` : 'left to the SDK'}`, async () => {
          const c = conversation(app.url);
          const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
          const logged = app.logs.length;
          const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, headers);
          expect(res.status).to.equal(401);
          expect(res.json).to.deep.equal({ error: 'unauthorized: a valid Bot Framework token is required' });
          // Refused by the server's own check, no outbound request; or verified by the SDK, which alone can tell.
          expect(refusedBeforeSdk(app.logs.slice(logged))).to.deep.equal(reason ? [reason] : []);
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

    it('a request without an Authorization header gets 401 before the SDK is asked', async () => {
      const c = conversation(app.url);
      const logged = app.logs.length;
      const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(401);
      expect(res.json).to.have.property('error');
      expect(refusedBeforeSdk(app.logs.slice(logged))).to.deep.equal(['no token']);
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
