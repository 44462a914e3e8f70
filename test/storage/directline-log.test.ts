// The built-in Direct Line's conversations, the same tests against every store (memory, SQLite, Redis on a real
// redis-server), as the Storage contract suite does: start, append in order, read by watermark, forget, expire,
// the kept signing key, and two instances on one store (no number taken twice, appends heard by watchers).
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDirectLineLog } from '../../src/storage/factory.js';
import { MAX_ACTIVITIES_PER_CONVERSATION, type DirectLineLog } from '../../src/storage/directline/log.js';
import type { AppStorage } from '../../src/storage/store.js';
import { backend, KINDS, type Backend } from './stores.js';

const texts = (page: { activities: Array<{ text?: string }> } | undefined) => page?.activities.map((a) => a.text);

/** Waits until `check` holds (watchers are told asynchronously on Redis). */
async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await sleep(10);
  }
}

for (const kind of KINDS) {
  describe(`direct line conversations: ${kind}`, function () {
    this.timeout(30_000);
    let where: Backend;
    let storage: AppStorage;
    let log: DirectLineLog;
    before(async () => { where = await backend(kind); storage = await where.open(); log = openDirectLineLog(storage); });
    after(async () => { await storage?.close(); await where?.dispose(); });

    it('starts a conversation once; a second start is not a new one', async () => {
      const id = randomUUID();
      expect(await log.get(id)).to.equal(undefined);
      expect(await log.start(id, 'dl_a')).to.equal(true);
      expect(await log.start(id, 'dl_a')).to.equal(false);
      expect(await log.get(id)).to.deep.equal({ id, userId: 'dl_a' });
    });

    it('appends in order with ids and timestamps, and reads by watermark', async () => {
      const id = randomUUID();
      await log.start(id, 'dl_a');
      const ids = [];
      for (const text of ['one', 'two', 'three']) ids.push(await log.append(id, { type: 'message', text }));
      expect(ids).to.deep.equal([`${id}|0000000`, `${id}|0000001`, `${id}|0000002`]);
      const all = await log.since(id, undefined);
      expect(texts(all)).to.deep.equal(['one', 'two', 'three']);
      expect(all?.watermark).to.equal('3');
      expect(all?.activities.map((a) => a.id)).to.deep.equal(ids);
      expect(Date.parse(String(all?.activities[0]?.timestamp))).to.be.closeTo(Date.now(), 5_000);
      expect(texts(await log.since(id, '2'))).to.deep.equal(['three']);
      expect(await log.since(id, '3')).to.deep.equal({ activities: [], watermark: '3' });
      expect(texts(await log.since(id, 'junk'))).to.have.length(3);
    });

    it('keeps a copy: later changes to the sent object do not reach the page', async () => {
      const id = randomUUID();
      await log.start(id, 'dl_a');
      const sent = { type: 'message', text: 'a' };
      await log.append(id, sent);
      sent.text = 'changed';
      expect(texts(await log.since(id, '0'))).to.deep.equal(['a']);
    });

    it('refuses appends and reads for a conversation that never started', async () => {
      const id = randomUUID();
      expect(await log.append(id, { type: 'message' })).to.equal(undefined);
      expect(await log.since(id, undefined)).to.equal(undefined);
    });

    it('forgets what came before the goodbye, and keeps the numbering', async () => {
      const id = randomUUID();
      await log.start(id, 'dl_a');
      await log.append(id, { type: 'message', text: 'my bladder is fine' });
      const yes = (await log.append(id, { type: 'message', text: 'yes, delete it' }))!;
      await log.forget(id, yes);
      await log.append(id, { type: 'message', text: 'goodbye' });
      const page = await log.since(id, undefined);
      expect(texts(page)).to.deep.equal(['goodbye']);
      expect(page?.watermark).to.equal('3');
    });

    it('refuses to grow a conversation without bound', async function () {
      this.timeout(60_000);
      const id = randomUUID();
      await log.start(id, 'dl_a');
      for (let i = 0; i < MAX_ACTIVITIES_PER_CONVERSATION; i += 1) await log.append(id, { type: 'typing' });
      expect(await log.append(id, { type: 'message' })).to.equal(undefined);
    });

    it('expires CONVERSATION_TTL after the last append', async () => {
      const shortStore = await where.open(0.5);
      try {
        const short = openDirectLineLog(shortStore);
        const [idle, active] = [randomUUID(), randomUUID()];
        await short.start(idle, 'dl_a');
        await short.start(active, 'dl_b');
        await sleep(300);
        await short.append(active, { type: 'message', text: 'still here' });
        await sleep(300);
        expect(await short.get(idle)).to.equal(undefined);
        expect(await short.since(idle, undefined)).to.equal(undefined);
        expect(texts(await short.since(active, undefined))).to.deep.equal(['still here']);
        await sleep(300);
        expect(await short.get(active)).to.equal(undefined);
        // An expired id starts afresh: nothing of the old conversation comes back.
        expect(await short.start(active, 'dl_c')).to.equal(true);
        expect(await short.since(active, undefined)).to.deep.equal({ activities: [], watermark: '0' });
      } finally {
        await shortStore.close();
      }
    });

    it('tells watchers of appends, and stops when asked', async () => {
      const id = randomUUID();
      await log.start(id, 'dl_a');
      let heard = 0;
      const stop = await log.watch(id, () => { heard += 1; });
      await log.append(id, { type: 'message', text: 'a' });
      await eventually(() => heard === 1);
      stop();
      await log.append(id, { type: 'message', text: 'b' });
      await sleep(100);
      expect(heard).to.equal(1);
    });

    if (kind === 'memory') return; // one process's memory: there is no second instance to share it with

    describe('two instances on one store', () => {
      let other: AppStorage;
      let second: DirectLineLog;
      before(async () => { other = await where.open(); second = openDirectLineLog(other); });
      after(async () => { await other?.close(); });

      it('agree on the signing key, generated once and kept', async () => {
        const key = await log.signingSecret();
        expect(key).to.have.length.of.at.least(32);
        expect(await second.signingSecret()).to.equal(key);
        const reopened = await where.open();
        try {
          expect(await openDirectLineLog(reopened).signingSecret()).to.equal(key);
        } finally {
          await reopened.close();
        }
      });

      it('never take the same number when appending at once', async () => {
        const id = randomUUID();
        await log.start(id, 'dl_a');
        const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? log : second).append(id, { type: 'message', text: String(i) })));
        expect(new Set(appended).size).to.equal(40);
        const page = await second.since(id, undefined);
        expect(page?.activities.map((a) => a.id)).to.deep.equal([...appended].sort());
        expect(page?.watermark).to.equal('40');
      });

      it(kind === 'redis' ? 'hear each other\'s appends' : 'read each other\'s appends (watchers hear only their own process)', async () => {
        const id = randomUUID();
        await log.start(id, 'dl_a');
        let heard = 0;
        const stop = await second.watch(id, () => { heard += 1; });
        await log.append(id, { type: 'message', text: 'from the first' });
        expect(texts(await second.since(id, undefined))).to.deep.equal(['from the first']);
        // Which of the two this store is, as the title says: Redis hears every instance, the others do not.
        expect(second.watchesEveryInstance, 'watchesEveryInstance').to.equal(kind === 'redis');
        if (kind === 'redis') await eventually(() => heard === 1);
        else expect(heard).to.equal(0);
        stop();
      });
    });
  });
}
