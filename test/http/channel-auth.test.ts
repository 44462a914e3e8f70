// With MicrosoftAppId set, tokens that verify: a local stand-in for the Bot Framework's OpenID metadata serves a
// test key, so that the SDK checks a token signed with it exactly as it checks Azure's (issuer, audience, expiry,
// signature, the serviceurl claim). What is shown: a request whose serviceUrl is not the token's `serviceurl`
// claim is refused by the SDK's own check (the same token with the matching serviceUrl is served), and verified
// channel traffic is limited per conversation and by its own per-address limit, not as one client.
import { expect } from 'chai';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ID } from '../../scripts/lib/bad-tokens.js';
import { postRaw, startTestServer, type TestServer } from '../support/server.js';

const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const AZURE_CONNECTOR = '52.112.0.10'; // one of the addresses every Teams user's messages come from
const KID = `test-key-${randomUUID()}`;

/** The SDK prints a bad signature's key with console.error (not through the log); kept off the test output. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = original;
  }
}

/** Serves an OpenID configuration and a JWKS holding `publicKey`, on loopback, as login.botframework.com does. */
async function openIdStandIn(publicKey: KeyObject): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = req.url === '/v1/.well-known/openidconfiguration'
      ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }
      : req.url === '/v1/.well-known/keys'
        ? { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig' }] }
        : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('HTTP authentication with tokens that verify (a local stand-in for the Bot Framework keys)', function () {
  this.timeout(30_000);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let openId: Awaited<ReturnType<typeof openIdStandIn>>;
  before(async () => { openId = await openIdStandIn(publicKey); });
  after(async () => { await openId?.close(); });

  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

  /** A channel token as Azure Bot Service signs it, with the stand-in's key (or `key`, under the same key id). */
  function token(claims: Record<string, unknown> = {}, key: KeyObject = privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = part({ alg: 'RS256', typ: 'JWT', kid: KID });
    const body = part({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: TEAMS_SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims });
    return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url')}`;
  }

  const teamsMessage = (conversationId: string, fields: Record<string, unknown> = {}) => ({
    type: 'message', text: 'hello', channelId: 'msteams', serviceUrl: TEAMS_SERVICE_URL, deliveryMode: 'expectReplies',
    conversation: { id: conversationId, conversationType: 'personal' }, from: { id: '29:person', name: 'A Person' },
    recipient: { id: `28:${APP_ID}`, name: 'Second Look' }, id: randomUUID(), timestamp: new Date().toISOString(), ...fields,
  });

  const post = (app: TestServer, activity: Record<string, unknown>, authorization: string, address = AZURE_CONNECTOR) =>
    postRaw(app.url, activity, { 'content-type': 'application/json', authorization: `Bearer ${authorization}`, 'x-forwarded-for': address });

  const start = (env: Record<string, string> = {}) => startTestServer(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', TRUST_PROXY: 'true', ...env },
    { channelOpenIdMetadataUrl: openId.url },
  );

  const logged = (app: TestServer, from: number) => app.logs.slice(from).map((l) => JSON.parse(l) as { msg: string; reason?: string });

  describe('the serviceurl claim', () => {
    let app: TestServer;
    before(async () => { app = await start(); });
    after(async () => { await app?.close(); });

    it('a token for this bot with the matching serviceUrl is served (the stand-in really verifies)', async () => {
      const res = await post(app, teamsMessage(`a:${randomUUID()}`), token());
      expect(res.status, res.text).to.equal(200);
      expect((res.json as { activities: unknown[] }).activities).to.not.be.empty;
    });

    it('the same token on an activity whose serviceUrl differs from the claim is refused with 401 by the SDK', async () => {
      const from = app.logs.length;
      const started = performance.now();
      const res = await post(app, teamsMessage(`a:${randomUUID()}`, { serviceUrl: 'https://attacker.invalid/', deliveryMode: undefined }), token());
      const ms = performance.now() - started;
      expect(res.status).to.equal(401);
      expect(res.json).to.deep.equal({ error: 'unauthorized: a valid Bot Framework token is required' });
      const lines = logged(app, from);
      expect(lines.filter((l) => l.msg === 'request refused: authentication'), 'not the server\'s own pre-check').to.deep.equal([]);
      expect(lines.find((l) => l.msg === 'request refused: token rejected')?.reason).to.match(/ServiceUrl claim/);
      expect(ms, 'at once').to.be.below(1_000);
    });

    it('a token signed by another key is refused (the signature is checked, not only the claims)', async () => {
      const res = await quietly(() => post(app, teamsMessage(`a:${randomUUID()}`), token({}, otherKey)));
      expect(res.status).to.equal(401);
      const forged = token().split('.');
      const tampered = `${forged[0]}.${Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://attacker.invalid/', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.${forged[2]}`;
      expect((await quietly(() => post(app, teamsMessage(`a:${randomUUID()}`, { serviceUrl: 'https://attacker.invalid/' }), tampered))).status).to.equal(401);
    });
  });

  describe('rate limits: channel traffic is not one client', () => {
    it('verified requests from one connector address go past RATE_LIMIT_PER_ADDRESS; each conversation has its own limit', async () => {
      const app = await start({ RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_PER_CONVERSATION: '3', RATE_LIMIT_PER_CHANNEL_ADDRESS: '1000' });
      try {
        for (let i = 0; i < 6; i += 1) {
          const res = await post(app, teamsMessage(`a:person-${i}`), token());
          expect(res.status, `person ${i} of 6 through one connector address`).to.equal(200);
        }
        const chatty = `a:${randomUUID()}`;
        for (let i = 0; i < 3; i += 1) expect((await post(app, teamsMessage(chatty), token())).status).to.equal(200);
        const refused = await post(app, teamsMessage(chatty), token());
        expect(refused.status).to.equal(429);
        expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
        expect((await post(app, teamsMessage(`a:${randomUUID()}`), token())).status, 'other people go on').to.equal(200);
      } finally {
        await app.close();
      }
    });

    it('RATE_LIMIT_PER_CHANNEL_ADDRESS caps one connector address', async () => {
      const app = await start({ RATE_LIMIT_PER_CHANNEL_ADDRESS: '4' });
      try {
        for (let i = 0; i < 4; i += 1) expect((await post(app, teamsMessage(`a:${randomUUID()}`), token())).status).to.equal(200);
        const refused = await post(app, teamsMessage(`a:${randomUUID()}`), token());
        expect(refused.status).to.equal(429);
        expect((await post(app, teamsMessage(`a:${randomUUID()}`), token(), '52.112.0.11')).status, 'another connector address').to.equal(200);
      } finally {
        await app.close();
      }
    });

    it('an address sending refused tokens is cut off at RATE_LIMIT_PER_ADDRESS, and the channel is not', async () => {
      const app = await start({ RATE_LIMIT_PER_ADDRESS: '2' });
      try {
        const attacker = '198.51.100.66';
        // One refused by the server's pre-check, one by the SDK (for this bot, signed by a key that is not the channel's).
        expect((await post(app, teamsMessage(`a:${randomUUID()}`), 'not-a-jwt', attacker)).status).to.equal(401);
        expect((await quietly(() => post(app, teamsMessage(`a:${randomUUID()}`), token({}, otherKey), attacker))).status).to.equal(401);
        const cut = await post(app, teamsMessage(`a:${randomUUID()}`), 'not-a-jwt', attacker);
        expect(cut.status).to.equal(429);
        expect(cut.headers.get('retry-after')).to.match(/^\d+$/);
        for (let i = 0; i < 3; i += 1) expect((await post(app, teamsMessage(`a:${randomUUID()}`), token())).status, 'the connector').to.equal(200);
      } finally {
        await app.close();
      }
    });
  });
});
