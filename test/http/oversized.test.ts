// Bodies over the limit sent the way Node's fetch sends them: the whole body at once, without waiting for
// `100 Continue`. The client must read its 413 JSON answer, never a reset connection, on /api/messages and on the
// built-in Direct Line, whether the length is declared or the body is streamed in chunks.
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { startConversation } from '../directline/support.js';

const MiB = 1024 * 1024;

/** A body of `bytes` sent in 64 KiB chunks with no Content-Length (chunked transfer encoding). */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x78);
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

async function post(url: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    signal: AbortSignal.timeout(20_000),
  } as RequestInit);
  return { status: res.status, json: await res.json() as unknown };
}

describe('oversized bodies from Node fetch', function () {
  this.timeout(60_000);
  let app: TestServer;
  let activities: string;
  let token: string;
  before(async () => {
    app = await startTestServer();
    const c = await startConversation(app.url);
    activities = `${c.domain}/conversations/${c.id}/activities`;
    token = c.token;
  });
  after(async () => { await app?.close(); });

  const activity = (bytes: number) => JSON.stringify({
    type: 'message', text: 'x'.repeat(bytes), channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'oversized' }, from: { id: 'u' }, recipient: { id: 'b' },
  });

  for (const size of [2 * MiB, 20 * MiB]) {
    it(`/api/messages: ${size / MiB} MiB with a declared length gets 413 JSON`, async () => {
      const res = await post(`${app.url}/api/messages`, activity(size));
      expect(res.status).to.equal(413);
      expect(res.json).to.have.property('error').that.matches(/larger than/);
    });

    it(`Direct Line: ${size / MiB} MiB with a declared length gets 413 JSON`, async () => {
      const res = await post(activities, activity(size), { authorization: `Bearer ${token}` });
      expect(res.status).to.equal(413);
      expect(res.json).to.have.property('error').that.matches(/larger than/);
    });
  }

  it('a 2 MiB body streamed in chunks (no length declared) gets 413 JSON on both', async () => {
    expect((await post(`${app.url}/api/messages`, streamed(2 * MiB))).status).to.equal(413);
    expect((await post(activities, streamed(2 * MiB), { authorization: `Bearer ${token}` })).status).to.equal(413);
  });

  it('and the same conversation goes on afterwards', async () => {
    const res = await fetch(activities, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '8 weeks' }),
    });
    expect(res.status).to.equal(200);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
  });
});
