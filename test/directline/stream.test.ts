// The streamUrl's WebSocket: it opens only with the conversation's stream token, sends the history after the
// watermark and then each activity as it is kept, and refuses bad tokens, other conversations, floods and more
// sockets per conversation than one page needs. Plus "forget me" over the page: the transcript goes too.
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { TokenSigner } from '../../src/server/directline/token.js';
import { MAX_SOCKETS_PER_CONVERSATION } from '../../src/server/directline/stream.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, getToken, PageSession, type PageActivity } from './support.js';

const SECRET = 'test-direct-line-token-secret-0123456789abcdef';

interface Frame { activities: PageActivity[]; watermark: string }

/** Opens a socket; resolves with it once open, or with the HTTP status the upgrade was refused with. */
function open(url: string): Promise<{ ws?: WebSocket; status?: number; frames: Frame[] }> {
  const frames: Frame[] = [];
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('unexpected-response', (_req, res) => { resolve({ status: res.statusCode, frames }); ws.terminate(); });
    ws.once('error', () => resolve({ status: 0, frames }));
  });
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('built-in Direct Line streamUrl', function () {
  this.timeout(30_000);
  let app: TestServer;
  before(async () => { app = await startTestServer({ DIRECT_LINE_TOKEN_SECRET: SECRET }); });
  after(async () => { await app.close(); });

  async function started() {
    const { token, domain } = await getToken(app.url);
    const res = await call(`${domain}/conversations`, 'POST', token);
    const body = res.json as { conversationId: string; token: string; streamUrl: string };
    return { domain, ...body };
  }

  it('sends the history on opening, then each reply as the bot sends it', async () => {
    const c = await started();
    expect(c.streamUrl).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/);
    const { ws, frames } = await open(c.streamUrl);
    try {
      await until(() => frames.length > 0);
      expect(frames[0]!.activities.map((a) => a.text ?? '').join(' ')).to.match(/how long have you been doing physical therapy/i);
      const posted = await call(`${c.domain}/conversations/${c.conversationId}/activities`, 'POST', c.token, { type: 'message', text: '10 weeks' });
      const id = (posted.json as { id: string }).id;
      await until(() => frames.flatMap((f) => f.activities).some((a) => a.replyToId === id));
      const all = frames.flatMap((f) => f.activities);
      expect(new Set(all.map((a) => a.id)).size).to.equal(all.length);
      expect(frames.at(-1)!.watermark).to.equal(String(all.length));
    } finally {
      ws?.close();
    }
  });

  it('reconnects from a watermark: only what came after it', async () => {
    const c = await started();
    const reconnect = await call(`${c.domain}/conversations/${c.conversationId}?watermark=1`, 'GET', c.token);
    expect(reconnect.status).to.equal(200);
    const { streamUrl, token } = reconnect.json as { streamUrl: string; token: string };
    expect(token).to.be.a('string');
    const { ws, frames } = await open(streamUrl);
    try {
      await until(() => frames.length > 0);
      expect(frames[0]!.activities[0]!.id).to.equal(`${c.conversationId}|0000001`);
    } finally {
      ws?.close();
    }
  });

  it('refuses a socket with no token, a bad token, a conversation token, or a token for another conversation', async () => {
    const c = await started();
    const other = await started();
    const base = c.streamUrl.split('?')[0]!;
    const signer = new TokenSigner(SECRET);
    expect((await open(base)).status).to.equal(401);
    expect((await open(`${base}?t=garbage`)).status).to.equal(403);
    expect((await open(`${base}?t=${new TokenSigner('another-secret-another-secret-0123456789').issue(c.conversationId, 'dl_x', 'stream').token}`)).status).to.equal(403);
    expect((await open(`${base}?t=${c.token}`)).status, 'a REST token does not open the stream').to.equal(403);
    expect((await open(`${base}?t=${signer.issue(other.conversationId, 'dl_x', 'stream').token}`)).status).to.equal(403);
    const unknown = signer.issue('never-started', 'dl_x', 'stream').token;
    expect((await open(`${base.replace(c.conversationId, 'never-started')}?t=${unknown}`)).status).to.equal(404);
    expect((await open(`${app.url.replace('http', 'ws')}/somewhere/else`)).status).to.equal(404);
  });

  it(`allows ${MAX_SOCKETS_PER_CONVERSATION} sockets per conversation, and no more`, async () => {
    const c = await started();
    const opened = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_CONVERSATION }, () => open(c.streamUrl)));
    try {
      expect(opened.every((o) => o.ws)).to.equal(true);
      expect((await open(c.streamUrl)).status).to.equal(429);
    } finally {
      for (const o of opened) o.ws?.close();
    }
  });

  it('"forget me" deletes the transcript too; the goodbye stays for the page', async () => {
    const c = await started();
    const page = new PageSession(() => c.domain, c.conversationId, c.token);
    await page.read();
    await page.say('10 weeks');
    await page.say('forget me');
    const goodbye = await page.say('yes');
    expect(goodbye.map((a) => a.text).join(' ')).to.match(/deleted/i);
    const after = await call(`${c.domain}/conversations/${c.conversationId}/activities`, 'GET', c.token);
    const texts = (after.json as Frame).activities.map((a) => a.text ?? '');
    expect(texts.join(' ')).to.not.match(/10 weeks|forget me|physical therapy/i);
    expect(texts.join(' ')).to.match(/deleted/i);
  });
});

describe('built-in Direct Line streamUrl under a flood', () => {
  it('limits socket openings per address like the HTTP routes', async () => {
    const app = await startTestServer({ RATE_LIMIT_PER_ADDRESS: '5' });
    try {
      const { token, domain } = await getToken(app.url); // 1
      const res = await call(`${domain}/conversations`, 'POST', token); // 2
      const { streamUrl } = res.json as { streamUrl: string };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const o = await open(streamUrl);
        statuses.push(o.status ?? 101);
        o.ws?.close();
      }
      expect(statuses.slice(0, 3)).to.deep.equal([101, 101, 101]);
      expect(statuses.slice(3)).to.deep.equal([429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('built-in Direct Line with DIRECT_LINE_WEBSOCKET=false', () => {
  it('offers no streamUrl, and the page polls', async () => {
    const app = await startTestServer({ DIRECT_LINE_WEBSOCKET: 'false' });
    try {
      const { token, domain } = await getToken(app.url);
      const res = await call(`${domain}/conversations`, 'POST', token);
      expect(res.status).to.equal(201);
      expect(res.json).to.not.have.property('streamUrl');
      const id = (res.json as { conversationId: string }).conversationId;
      const socket = await open(`${app.url.replace('http', 'ws')}/v3/directline/conversations/${id}/stream`);
      expect(socket.status).to.equal(404);
    } finally {
      await app.close();
    }
  });
});
