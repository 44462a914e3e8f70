// The built-in Direct Line on two bot processes sharing one redis-server, behind a round-robin balancer with no
// sticky sessions: a conversation started on one instance, posted to on the other and read on either stays one
// conversation, replies in order and nothing twice, over polling and over WebSocket (Microsoft's directlinejs),
// where a reply sent by one instance reaches a socket held by the other. And when Redis goes away the page gets a
// clear 503, and nothing is lost once it is back.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBalancer, type Balancer } from '../support/balancer.js';
import { startBotProcess, type BotProcess } from '../storage/bot-process.js';
import { startRedis, type RedisProcess } from '../../scripts/lib/redis-server.js';
import { connect, type NodeDirectLine, type Received } from './client.js';
import { call, expectInOrderOnce, getToken, PageSession, startConversation, transcript, type PageActivity } from './support.js';

const ANSWERS = ['10 weeks', 'a few times a week', 'about the same', 'no', 'no'];

describe('built-in Direct Line on two instances sharing Redis', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'second-look-dl-redis-'));
  let redis: RedisProcess;
  let bots: BotProcess[] = [];
  let lb: Balancer;
  before(async () => {
    // An append-only file, so what was stored before an outage is there when Redis comes back.
    redis = await startRedis({ dir });
    const env = { STORAGE: 'redis', REDIS_URL: redis.url };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    lb = await startBalancer(bots.map((b) => b.url));
  });
  after(async () => {
    await lb?.close();
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Which backends took the calls to `path` made since `from`. */
  const backendsFor = (from: number, test: (method: string, path: string) => boolean) =>
    new Set(lb.routed.slice(from).filter((r) => test(r.method, r.path)).map((r) => r.backend));

  it('REST: start on one instance, post and read spread across both: one conversation, in order, nothing twice', async () => {
    const from = lb.routed.length;
    const { domain, id, token } = await startConversation(lb.url);
    const page = new PageSession(() => domain, id, token);
    await page.read();
    for (const answer of ANSWERS) await page.say(answer);
    expectInOrderOnce(page.seen);
    expect(page.seen.filter((a) => a.from.role === 'user').map((a) => a.text)).to.deep.equal(ANSWERS);
    // Every answer got the next question, not a repeat of the greeting or of an earlier one.
    const questions = page.seen.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    expect(questions.filter((q) => /how long have you been doing physical therapy/i.test(q))).to.have.length(1);
    expect(backendsFor(from, (m, p) => m === 'POST' && p.endsWith('/activities'))).to.deep.equal(new Set([0, 1]));
    expect(backendsFor(from, (m, p) => m === 'GET' && p.endsWith('/activities'))).to.deep.equal(new Set([0, 1]));
    console.log(`      the page saw (calls spread over both instances):\n${transcript(page.seen)}`);
  });

  for (const webSocket of [false, true]) {
    it(`directlinejs over ${webSocket ? 'WebSocket' : 'polling'}: replies from either instance, in order, nothing twice`, async () => {
      const from = lb.routed.length;
      const { token, domain } = await getToken(lb.url);
      const client: NodeDirectLine = connect(domain, token, { webSocket });
      try {
        await client.waitFor((a) => /how long have you been doing physical therapy/i.test(a.text ?? ''));
        for (const answer of ANSWERS) {
          const id = await client.post({ text: answer });
          await client.waitFor((a) => a.replyToId === id && a.type === 'message');
        }
        await sleep(300); // anything sent twice would have arrived by now
        const seen = client.received as Received[];
        expectInOrderOnce(seen as unknown as PageActivity[]);
        expect(seen.filter((a) => a.from.role === 'user').map((a) => a.text)).to.deep.equal(ANSWERS);
        expect(backendsFor(from, (m, p) => m === 'POST' && p.endsWith('/activities'))).to.deep.equal(new Set([0, 1]));
        if (webSocket) {
          // One socket on one instance; the posts, and so the replies, came from both.
          expect(lb.routed.slice(from).filter((r) => r.path.endsWith('/stream'))).to.have.length(1);
          expect(backendsFor(from, (m, p) => m === 'GET' && p.endsWith('/activities')), 'no polling').to.deep.equal(new Set());
        }
      } finally {
        client.end();
      }
    });
  }

  it('a Redis outage: a clear 503 for the page, and nothing lost once Redis is back', async () => {
    const { domain, id, token } = await startConversation(lb.url);
    const page = new PageSession(() => domain, id, token);
    await page.read();
    await page.say('10 weeks');
    const kept = page.seen.map((a) => a.id);

    await redis.stop();
    const post = await call(`${domain}/conversations/${id}/activities`, 'POST', token, { type: 'message', text: 'a few times a week' });
    expect(post.status).to.equal(503);
    expect(post.json).to.deep.equal({ error: 'the chat is unavailable for a moment: please try again' });
    expect((await call(`${domain}/conversations/${id}/activities`, 'GET', token)).status).to.equal(503);
    for (const bot of bots) expect((await fetch(`${bot.url}/healthz`)).status, 'the bot stays up').to.equal(200);

    await redis.restart();
    // ioredis reconnects in the background (backoff up to 2 s): the page's retry goes through once it has.
    let retried = await call(`${domain}/conversations/${id}/activities`, 'POST', token, { type: 'message', text: 'a few times a week' });
    for (let attempt = 0; attempt < 40 && retried.status === 503; attempt += 1) {
      await sleep(250);
      retried = await call(`${domain}/conversations/${id}/activities`, 'POST', token, { type: 'message', text: 'a few times a week' });
    }
    expect(retried.status).to.equal(200);
    await page.read();
    expect(page.seen.slice(0, kept.length).map((a) => a.id)).to.deep.equal(kept);
    expect(page.lastQuestion()).to.match(/better, about the same, or worse/i);
    expectInOrderOnce(page.seen);
  });
});
