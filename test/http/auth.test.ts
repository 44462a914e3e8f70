// With MicrosoftAppId set, /api/messages requires a Bot Framework token. These requests never leave
// loopback: a missing or non-JWT header is refused before any OpenID metadata would be fetched.
import { expect } from 'chai';
import { conversation, postRaw, startTestServer, type TestServer } from '../support/server.js';

describe('HTTP authentication', () => {
  describe('with MicrosoftAppId set', () => {
    let app: TestServer;
    before(async () => {
      app = await startTestServer({
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
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
