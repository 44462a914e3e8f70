// The daily usage counters on each store: concurrent adds are exact (atomic increments), days past
// STATS_RETENTION_DAYS are gone, a turn whose save the eTag refused counts nothing, and 20 scripted
// conversations across two bot processes on one redis-server give exact counts.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createBot } from '../../src/bot/create-bot.js';
import { openUsageStats } from '../../src/storage/factory.js';
import { RedisUsageStats } from '../../src/storage/usage/redis.js';
import { SqliteUsageStats } from '../../src/storage/usage/sqlite.js';
import { DocumentUsageStats } from '../../src/storage/usage/document.js';
import { dayOf, type Counts, type UsageStats } from '../../src/storage/usage/stats.js';
import type { AppStorage } from '../../src/storage/store.js';
import { conversation, postActivity, startTestServer, type TestServer } from '../support/server.js';
import { startRedis, type RedisProcess } from '../../scripts/lib/redis-server.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { raceGate } from './race-gate.js';
import { backend, KINDS, type Backend } from './stores.js';

const DAY = 86_400_000;
const today = () => dayOf(Date.now());

for (const kind of KINDS) {
  describe(`usage counters on ${kind}`, function () {
    this.timeout(30_000);
    let where: Backend;
    let store: AppStorage;
    before(async () => { where = await backend(kind); store = await where.open(); });
    after(async () => { await store?.close(); await where?.dispose(); });

    it('adds concurrent increments exactly, and keeps nothing but the fixed counter names', async () => {
      const stats = openUsageStats(store, 90);
      const day = today();
      await Promise.all(Array.from({ length: 40 }, (_, i) => stats.add(day, { started: 1, 'assessment:soon': i % 2, 'reached:pt_duration': 2, 'bad name!': 5 })));
      const read = await stats.read(day, day);
      expect(read).to.deep.equal({ [day]: { started: 40, 'assessment:soon': 20, 'reached:pt_duration': 80 } });
    });

    it('days past STATS_RETENTION_DAYS are not kept', async () => {
      let now = Date.now();
      const clock = () => now;
      const stats: UsageStats = kind === 'sqlite' ? new SqliteUsageStats((store as unknown as { db: import('better-sqlite3').Database }).db, 3, clock)
        : kind === 'redis' ? new RedisUsageStats((store as unknown as { redis: Redis }).redis, 3, clock)
          : new DocumentUsageStats(store, 3, clock);
      const first = dayOf(now);
      const far = dayOf(now + 40 * DAY);
      await stats.add(first, { finished: 2 });
      expect((await stats.read(first, far))[first]).to.deep.include({ finished: 2 });
      now += 3 * DAY; // the first day is now the fourth day back, past a retention of 3
      const later = dayOf(now);
      await stats.add(later, { finished: 1 });
      const read = await stats.read(first, far);
      expect(read).to.not.have.property(first);
      expect(read[later]).to.deep.include({ finished: 1 });
      if (kind === 'redis') {
        // Redis drops a day by itself: its hash expires at the end of its last kept day.
        const redis = (store as unknown as { redis: Redis }).redis;
        expect(await redis.pexpiretime(`usage:${later}`)).to.equal(Date.parse(`${later}T00:00:00Z`) + 3 * DAY);
      }
      if (kind === 'sqlite') {
        const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
        expect(db.prepare('SELECT COUNT(*) AS n FROM usage_counts WHERE day = ?').get(first)).to.deep.equal({ n: 0 });
      }
    });
  });
}

for (const kind of ['sqlite', 'redis'] as const) {
  describe(`usage counters under racing turns on ${kind}`, function () {
    this.timeout(30_000);
    let where: Backend;
    let app: TestServer;
    let gate!: ReturnType<typeof raceGate>;
    let store!: AppStorage;
    const counted: Counts[] = [];
    before(async () => {
      where = await backend(kind);
      app = await startTestServer(where.env, {
        createBot: (deps) => {
          store = deps.storage as AppStorage;
          gate = raceGate(deps.storage);
          const inner = deps.counted;
          return createBot({ ...deps, storage: gate.storage, counted: async (c) => { counted.push(c); await inner?.(c); } });
        },
      });
    });
    after(async () => { await app?.close(); await where?.dispose(); });

    it('the turn whose save was refused counts nothing: the next question is reached once', async () => {
      const c = conversation(app.url);
      await c.start();
      gate.arm();
      await Promise.all([c.say('about 2 months'), c.say('about 6 months')]);
      expect(counted.filter((x) => x['reached:adherence'])).to.have.length(1);
      const stats = openUsageStats(store, 90);
      const day = (await stats.read(today(), today()))[today()];
      expect(day).to.deep.include({ started: 1, 'reached:pt_duration': 1, 'reached:adherence': 1 });
    });
  });
}

const FULL = ['10 weeks', 'most days', 'about the same', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'];

describe('usage counters: 20 scripted conversations across two bot processes on one redis-server', function () {
  this.timeout(180_000);
  let redis: RedisProcess;
  let bots: BotProcess[] = [];
  before(async () => {
    redis = await startRedis();
    const env = { STORAGE: 'redis', REDIS_URL: redis.url };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
  });
  after(async () => {
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await redis?.stop();
  });

  it('counts exactly: started, finished, assessments, questions reached, findings and reasons', async () => {
    // 10 go to the assessment, 5 leave after the second answer, 5 after the greeting; turns alternate instances.
    const scripts = [...Array(10).fill(FULL), ...Array(5).fill(FULL.slice(0, 2)), ...Array(5).fill([])] as string[][];
    let turn = 0;
    const urlOf = () => bots[turn++ % 2]!.url;
    await Promise.all(scripts.map(async (answers) => {
      // One conversation (its ids fixed in `c.base()`), each turn posted to whichever instance is next.
      const c = conversation('');
      await postActivity(urlOf(), { ...c.base(), type: 'conversationUpdate', membersAdded: [c.base().from, c.base().recipient] });
      for (const text of answers) await postActivity(urlOf(), { ...c.base(), type: 'message', text, textFormat: 'plain' });
    }));
    const client = new Redis(redis.url, { keyPrefix: 'second-look:' });
    try {
      const day = (await new RedisUsageStats(client, 90).read(today(), today()))[today()]!;
      console.log(`      the day's counters: ${JSON.stringify(day)}`);
      expect(day.started).to.equal(20);
      expect(day.finished).to.equal(10);
      expect(day['assessment:soon']).to.equal(10);
      expect(Object.keys(day).filter((k) => k.startsWith('assessment:'))).to.deep.equal(['assessment:soon']);
      expect(day['reached:pt_duration']).to.equal(20);
      expect(day['reached:adherence']).to.equal(15);
      expect(day['reached:progress']).to.equal(15);
      const reached = Object.entries(day).filter(([k]) => k.startsWith('reached:'));
      expect(reached.filter(([, n]) => n === 10)).to.have.length(reached.length - 3);
      for (const [k, n] of Object.entries(day)) if (/^(finding|reason):/.test(k)) expect(n, k).to.equal(10);
      expect(bots.flatMap((b) => b.lines).join('\n')).to.not.include('usage counter write failed');
    } finally {
      client.disconnect();
    }
  });
});


describe('usage counters: a failed counter write', function () {
  this.timeout(30_000);
  let where: Backend;
  let app: TestServer;
  let store!: AppStorage;
  const TOKEN = 'usage-test-metrics-token-0123456789';
  before(async () => {
    where = await backend('sqlite');
    app = await startTestServer({ ...where.env, METRICS_TOKEN: TOKEN }, {
      createBot: (deps) => { store = deps.storage as AppStorage; return createBot(deps); },
    });
  });
  after(async () => { await app?.close(); await where?.dispose(); });

  it('never fails the turn: the person sees the question, the failure is logged and counted', async () => {
    (store as unknown as { db: import('better-sqlite3').Database }).db.exec('DROP TABLE usage_counts');
    const c = conversation(app.url);
    const replies = await c.start();
    expect(replies.map((a) => a.text ?? '').join('\n')).to.match(/how long have you been doing physical therapy/i);
    expect((await c.say('10 weeks')).map((a) => a.text ?? '').join('\n')).to.match(/how often/i);
    expect(app.logs.join('\n')).to.include('usage counter write failed').and.not.include('turn failed');
    const scrape = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(scrape).to.match(/^second_look_store_errors_total\{source="usage"\} 2$/m);
    expect(scrape).to.match(/^second_look_store_errors_total\{source="turn"\} 0$/m);
  });
});
