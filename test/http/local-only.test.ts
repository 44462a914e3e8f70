// Without MicrosoftAppId, /api/messages is for this machine: clients on loopback (or in UNAUTHENTICATED_FROM), and
// replies only to a serviceUrl there, so that nobody can make the clinic's server send requests where they like.
// A remote client is simulated with TRUST_PROXY and X-Forwarded-For (every request here really comes from
// 127.0.0.1); a foreign serviceUrl is a name under .invalid, which never resolves, or 0.0.0.0, which is not on
// the allowed list yet reaches this machine's listeners: a refusal that sent anything would show there.
import { expect } from 'chai';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversation, postRaw, startTestServer, type TestServer } from '../support/server.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const from = (address: string) => ({ ...JSON_HEADERS, 'x-forwarded-for': address });

/** A loopback listener standing in for a serviceUrl: it records every request that reaches it. */
async function listener(): Promise<{ port: number; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Every outbound request this process starts with node:http (the Bot Framework connector's client) while `run` runs. */
async function outbound<T>(run: () => Promise<T>): Promise<{ result: T; hosts: string[] }> {
  const hosts: string[] = [];
  const onStart = (message: unknown) => { hosts.push(String((message as { request: { host?: string } }).request.host)); };
  subscribe('http.client.request.start', onStart);
  try {
    return { result: await run(), hosts };
  } finally {
    unsubscribe('http.client.request.start', onStart);
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** Waits up to `ms` for `check` to hold. */
async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('unauthenticated means local: /api/messages without MicrosoftAppId', function () {
  this.timeout(30_000);

  describe('loopback only (the default)', () => {
    let app: TestServer;
    let sink: Awaited<ReturnType<typeof listener>>;
    before(async () => { app = await startTestServer({ TRUST_PROXY: 'true' }); sink = await listener(); });
    after(async () => { await app?.close(); await sink?.close(); });

    it('the Emulator path on loopback works as today: replies in the body (expectReplies)', async () => {
      const replies = await conversation(app.url).say('hello');
      expect(replies.filter((a) => a.type === 'message')).to.not.be.empty;
    });

    it('the Emulator path on loopback works as today: replies POSTed to a loopback serviceUrl', async () => {
      const c = conversation(app.url);
      const res = await postRaw(app.url, { ...c.base(), serviceUrl: `http://127.0.0.1:${sink.port}`, type: 'message', text: 'hello' });
      expect(res.status, res.text).to.equal(200);
      expect(await eventually(() => sink.requests.some((r) => r.startsWith(`POST /v3/conversations/${c.id}/activities`))),
        `the replies reached the serviceUrl (${sink.requests.join(', ')})`).to.equal(true);
    });

    it('also takes localhost and [::1] as serviceUrl hosts', async () => {
      for (const serviceUrl of ['http://localhost:1', 'http://[::1]:1/', 'http://127.8.9.10:1']) {
        const res = await postRaw(app.url, { ...conversation(app.url).base(), serviceUrl, type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
        expect(res.status, serviceUrl).to.equal(200);
      }
    });

    it('a client on another address gets 401 JSON with the reason, before the body is read', async () => {
      for (const address of ['203.0.113.7', '10.1.2.3', '2001:db8::7', '::ffff:192.0.2.1']) {
        const { result: res, ms } = await timed(() => postRaw(app.url, { ...conversation(app.url).base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, from(address)));
        expect(res.status, address).to.equal(401);
        expect((res.json as { error: string }).error).to.match(/from this machine only/).and.include(address).and.include('UNAUTHENTICATED_FROM');
        expect(ms, 'at once').to.be.below(1_000);
      }
      // Loopback, as a proxy would write it, is still this machine.
      const res = await postRaw(app.url, { ...conversation(app.url).base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, from('127.0.0.1'));
      expect(res.status).to.equal(200);
    });

    it('a serviceUrl under .invalid gets 400 at once, and the bot sends nothing anywhere', async () => {
      const c = conversation(app.url);
      for (const deliveryMode of [undefined, 'expectReplies']) {
        const { result: { result: res, hosts }, ms } = await timed(() => outbound(() =>
          postRaw(app.url, { ...c.base(), serviceUrl: 'https://clinic-intranet.invalid/hook', type: 'message', text: 'hi', deliveryMode })));
        expect(res.status, String(deliveryMode)).to.equal(400);
        expect((res.json as { error: string }).error).to.match(/serviceUrl must be on this machine/);
        expect(hosts, 'no outbound request').to.deep.equal([]);
        // Sent, the replies would cost seconds of retries against a name that never resolves.
        expect(ms, 'at once').to.be.below(1_000);
      }
    });

    it('a serviceUrl that is not on the list but reaches this machine (0.0.0.0) gets 400 and the listener hears nothing', async () => {
      const c = conversation(app.url);
      const before = sink.requests.length;
      const { result: res, hosts } = await outbound(() => postRaw(app.url, { ...c.base(), serviceUrl: `http://0.0.0.0:${sink.port}`, type: 'message', text: 'hi' }));
      expect(res.status).to.equal(400);
      expect(hosts).to.deep.equal([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.requests.length, 'nothing reached the listener').to.equal(before);
      // The same request to the listener's loopback address is sent: the probe above could have seen it.
      const allowed = await outbound(() => postRaw(app.url, { ...c.base(), serviceUrl: `http://127.0.0.1:${sink.port}`, type: 'message', text: 'hi' }));
      expect(allowed.result.status).to.equal(200);
      expect(await eventually(() => sink.requests.length > before)).to.equal(true);
      expect(allowed.hosts).to.include('127.0.0.1');
    });

    it('refuses serviceUrls that only look local, and a missing one', async () => {
      const c = conversation(app.url);
      for (const serviceUrl of ['http://localhost.evil.invalid/', 'http://127.0.0.1@evil.invalid/', 'http://user@127.0.0.1:1/',
        'http://127.0.0.1\\@evil.invalid/', 'ftp://127.0.0.1/', 'https://smba.trafficmanager.net/amer/', 'not a url', undefined]) {
        const res = await postRaw(app.url, { ...c.base(), serviceUrl, type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
        expect(res.status, String(serviceUrl)).to.equal(400);
        expect(res.json).to.have.property('error').that.matches(/serviceUrl/);
      }
    });
  });

  describe('with UNAUTHENTICATED_FROM listing a lab network', () => {
    let app: TestServer;
    before(async () => { app = await startTestServer({ TRUST_PROXY: 'true', UNAUTHENTICATED_FROM: '203.0.113.0/24, 2001:db8::/32' }); });
    after(async () => { await app?.close(); });

    it('clients in the ranges (IPv4 and IPv6) are served; others still get 401', async () => {
      for (const address of ['203.0.113.7', '2001:db8::7', '127.0.0.1']) {
        const res = await postRaw(app.url, { ...conversation(app.url).base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, from(address));
        expect(res.status, address).to.equal(200);
      }
      for (const address of ['203.0.114.7', '2001:db9::7', 'not-an-address']) {
        const res = await postRaw(app.url, { ...conversation(app.url).base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, from(address));
        expect(res.status, address).to.equal(401);
      }
    });

    it('a serviceUrl in the ranges is allowed; one outside them is not', async () => {
      const c = conversation(app.url);
      const send = (serviceUrl: string) => postRaw(app.url, { ...c.base(), serviceUrl, type: 'message', text: 'hi', deliveryMode: 'expectReplies' }, from('203.0.113.7'));
      expect((await send('http://203.0.113.9:3978')).status).to.equal(200);
      expect((await send('http://[2001:db8::9]:3978/')).status).to.equal(200);
      expect((await send('http://198.51.100.1:3978')).status).to.equal(400);
      expect((await send('http://emulator.lab.invalid:3978')).status, 'names are never resolved').to.equal(400);
    });
  });
});
