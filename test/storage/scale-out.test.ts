// Scale-out on Redis: two bot processes share one redis-server and take the turns of one conversation in
// turn, with the same questions and assessment as one process. And when Redis goes away mid-conversation,
// the bot apologises, logs it (without message text), keeps running, and carries on once Redis is back.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { conversation, startTestServer, type Activity, type TestServer } from '../support/server.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { startRedis, type RedisProcess } from '../../scripts/lib/redis-server.js';
import { referenceWalk, walk } from './scenario.js';

const messages = loadKnowledge().messages;
const texts = (replies: Activity[]) => replies.map((a) => a.text ?? '').join('\n');

describe('scale-out on Redis', function () {
  this.timeout(90_000);
  let redis: RedisProcess;
  let bots: BotProcess[] = [];
  before(async () => { redis = await startRedis(); });
  after(async () => {
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await redis?.stop();
  });

  it('two processes, turns alternating between them: same questions, same assessment as one process', async () => {
    const reference = await referenceWalk();
    const env = { STORAGE: 'redis', REDIS_URL: redis.url };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    const served: number[] = [];
    const run = await walk((turn) => { served.push(turn % 2); return bots[turn % 2]!.url; });
    expect(served).to.include.members([0, 1]);
    expect(run.questions).to.deep.equal(reference.questions);
    expect(run.triage).to.deep.equal(reference.triage);
  });
});

describe('Redis goes away mid-conversation', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'second-look-redis-'));
  let redis: RedisProcess;
  let app: TestServer;
  // An append-only file in `dir`, so the state written before the outage is there when Redis comes back.
  before(async () => {
    redis = await startRedis({ dir });
    app = await startTestServer({ STORAGE: 'redis', REDIS_URL: redis.url, LOG_LEVEL: 'info' });
  });
  after(async () => {
    await app?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('apologises, logs without message text, stays up, and carries on once Redis is back', async () => {
    const c = conversation(app.url);
    await c.start();
    expect(texts(await c.say('about ten weeks'))).to.match(/How often/);

    await redis.stop();
    const secret = 'most days, honestly';
    const during = await c.say(secret);
    expect(texts(during)).to.include(messages.turnError.trim().slice(0, 30));
    const log = app.logs.join('\n');
    expect(log).to.include('turn failed').and.include('redis unavailable');
    expect(log).to.not.include(secret);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);

    await redis.restart();
    // ioredis reconnects in the background (backoff up to 2 s): the person may need a retry or two.
    let after: Activity[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      after = await c.say(secret);
      if (!texts(after).includes(messages.turnError.trim().slice(0, 30))) break;
      await sleep(250);
    }
    // The answers before the outage were kept: the next question follows the adherence answer.
    expect(texts(after)).to.match(/better, about the same, or worse/);
    expect(app.logs.filter((l) => l.includes('redis connected')), 'connected at start and again after').to.have.length(2);
  });
});
