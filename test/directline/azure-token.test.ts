// The token route with DIRECT_LINE_SECRET set, against a stand-in of Azure's Direct Line token endpoint on
// loopback (the real one is out of reach here): the secret goes only server-to-server, and a failure gives the
// page a clear message.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { call } from './support.js';

const SECRET = 'azure-direct-line-secret-DO-NOT-LEAK';

interface Seen { method: string; url: string; authorization?: string; body: string }

/** Answers POST /v3/directline/tokens/generate like Azure: with `status` and a token, or an error. */
async function standIn(status: () => number): Promise<{ server: Server; endpoint: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const code = status();
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(code === 200
        ? { conversationId: 'azure-conv-1', token: 'azure-token-for-the-page', expires_in: 3600 }
        : { error: { code: 'BadArgument', message: 'Invalid secret' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  return { server, endpoint, seen };
}

describe('the token route with an Azure Direct Line secret', () => {
  let azure: Awaited<ReturnType<typeof standIn>>;
  let app: TestServer;
  let answer = 200;

  before(async () => {
    azure = await standIn(() => answer);
    app = await startTestServer({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${azure.endpoint}/` });
  });
  after(async () => {
    await app.close();
    await new Promise((resolve) => azure.server.close(resolve));
  });
  beforeEach(() => { answer = 200; azure.seen.length = 0; });

  it('exchanges the secret server-to-server and gives the page only the token and Azure domain', async () => {
    const res = await call(`${app.url}/api/directline/token`, 'POST', undefined);
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ token: 'azure-token-for-the-page', domain: azure.endpoint });
    expect(azure.seen).to.have.length(1);
    expect(azure.seen[0]).to.include({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    // A user id chosen by the server, so the page cannot pose as another user.
    expect(JSON.parse(azure.seen[0]!.body).user.id).to.match(/^dl_/);
  });

  it('never puts the secret in the page, its config or its headers', async () => {
    const page = await fetch(`${app.url}/`);
    const html = await page.text();
    expect(page.status).to.equal(200);
    expect(html).not.to.contain(SECRET);
    expect(JSON.stringify([...page.headers])).not.to.contain(SECRET);
    // The page may talk to Azure: its Content-Security-Policy allows that origin.
    expect(page.headers.get('content-security-policy')).to.contain(new URL(azure.endpoint).origin);
    expect(app.logs.join('\n')).not.to.contain(SECRET);
  });

  it('answers 502 with a clear message when Azure refuses the secret', async () => {
    answer = 403;
    const res = await call(`${app.url}/api/directline/token`, 'POST', undefined);
    expect(res.status).to.equal(502);
    expect(res.json).to.deep.equal({ error: 'the chat service is not available right now' });
    expect(JSON.stringify(res.json)).not.to.contain(SECRET);
    expect(app.logs.some((l) => l.includes('Direct Line token endpoint refused') && l.includes('"status":403'))).to.equal(true);
  });

  it('does not offer the built-in endpoint: the page talks to Azure', async () => {
    expect((await call(`${app.url}/v3/directline/conversations`, 'POST', 'whatever')).status).to.equal(404);
  });
});

describe('the token route when Azure cannot be reached', () => {
  it('answers 502 with a clear message', async () => {
    const closed = await standIn(() => 200);
    const endpoint = closed.endpoint;
    await new Promise((resolve) => closed.server.close(resolve));
    const app = await startTestServer({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: endpoint });
    try {
      const res = await call(`${app.url}/api/directline/token`, 'POST', undefined);
      expect(res.status).to.equal(502);
      expect((res.json as { error: string }).error).to.match(/not available/);
      expect(app.logs.some((l) => l.includes('unreachable'))).to.equal(true);
    } finally {
      await app.close();
    }
  });
});
