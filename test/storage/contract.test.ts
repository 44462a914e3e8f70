// botbuilder's Storage contract, the same tests against every store: what MemoryStorage does, each store
// does too (missing keys, round trip, delete, eTag conflicts), plus large state, odd keys and expiry.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { TtlMemoryStorage } from '../../src/storage/memory.js';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { ETagConflictError, isETagConflict, type AppStorage } from '../../src/storage/store.js';
import { backend, KINDS, type Backend } from './stores.js';

const key = (name = '') => `emulator/conversations/${randomUUID()}/${name}`;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (err) { return err; }
  throw new Error('expected the promise to be rejected');
}

for (const kind of KINDS) {
  describe(`storage contract: ${kind}`, function () {
    this.timeout(20_000);
    let where: Backend;
    let store: AppStorage;
    before(async () => { where = await backend(kind); store = await where.open(); });
    after(async () => { await store?.close(); await where?.dispose(); });

    it('reads missing keys as absent (no entry, no error)', async () => {
      expect(await store.read([key('a'), key('b')])).to.deep.equal({});
      expect(await store.read([])).to.deep.equal({});
    });

    it('round-trips what it wrote, with an eTag, and reads several keys at once', async () => {
      const [a, b] = [key('a'), key('b')];
      const value = { session: { answers: { ptWeeks: 8.7, findings: { fever: 'absent' } }, greeted: true }, n: null, list: [1, 'two'] };
      await store.write({ [a]: value, [b]: { other: 1 } });
      const read = await store.read([a, b, key('missing')]);
      expect(Object.keys(read)).to.have.members([a, b]);
      expect(read[a]).to.deep.include(value);
      expect(read[a].eTag).to.be.a('string').that.is.not.empty;
      expect(read[b].eTag).to.not.equal(read[a].eTag);
    });

    it('deletes keys, and deleting a missing key is no error', async () => {
      const [a, b] = [key('a'), key('b')];
      await store.write({ [a]: { x: 1 }, [b]: { x: 2 } });
      await store.delete([a, key('never-written')]);
      const read = await store.read([a, b]);
      expect(Object.keys(read)).to.deep.equal([b]);
    });

    it('refuses a write with a stale eTag, keeping the newer state', async () => {
      const a = key();
      await store.write({ [a]: { turn: 1 } });
      const first = (await store.read([a]))[a]!;
      await store.write({ [a]: { ...first, turn: 2 } }); // eTag matches: accepted, eTag changes
      const second = (await store.read([a]))[a]!;
      expect(second.eTag).to.not.equal(first.eTag);
      const err = await rejection(store.write({ [a]: { ...first, turn: 3 } }));
      expect(err).to.be.instanceOf(ETagConflictError);
      expect(isETagConflict(err)).to.equal(true);
      expect((await store.read([a]))[a]).to.deep.include({ turn: 2, eTag: second.eTag });
    });

    it("writes unconditionally with eTag '*' or none, as MemoryStorage does", async () => {
      const a = key();
      await store.write({ [a]: { turn: 1 } });
      await store.write({ [a]: { turn: 2, eTag: '*' } });
      await store.write({ [a]: { turn: 3 } });
      expect((await store.read([a]))[a]).to.deep.include({ turn: 3 });
      // A stale eTag on a key that no longer exists is written, as MemoryStorage does.
      const gone = key();
      await store.write({ [gone]: { turn: 1, eTag: 'stale' } });
      expect((await store.read([gone]))[gone]).to.deep.include({ turn: 1 });
    });

    it('keeps a large state intact (about 1 MB)', async () => {
      const a = key();
      const big = { blob: 'x'.repeat(1_000_000), items: Array.from({ length: 2000 }, (_, i) => ({ i, s: `item ${i} ✓` })) };
      await store.write({ [a]: big });
      expect((await store.read([a]))[a]).to.deep.include(big);
    });

    it('keeps keys with odd characters apart', async () => {
      const odd = [
        `msteams/conversations/a:b;c*?"'\\%20 <x>&y/`,
        `slack/users/üñíçødé 🙂 ${randomUUID()}/`,
        `directline/conversations/${'k'.repeat(1000)}/`,
        `emulator/conversations/${randomUUID()}/\n\t/`,
      ];
      const items: StoreItems = Object.fromEntries(odd.map((k, i) => [k, { i }]));
      await store.write(items);
      const read = await store.read(odd);
      odd.forEach((k, i) => expect(read[k], JSON.stringify(k)).to.deep.include({ i }));
      await store.delete(odd);
      expect(await store.read(odd)).to.deep.equal({});
    });

    it('forgets state once CONVERSATION_TTL has passed since the last write', async () => {
      const short = await where.open(0.5);
      try {
        const [a, b] = [key('a'), key('b')];
        await short.write({ [a]: { x: 1 } });
        await sleep(300);
        await short.write({ [b]: { x: 2 } });
        expect(Object.keys(await short.read([a, b]))).to.have.members([a, b]);
        await sleep(350); // a is 650 ms old, b 350 ms
        expect(Object.keys(await short.read([a, b]))).to.deep.equal([b]);
        await sleep(300);
        expect(await short.read([a, b])).to.deep.equal({});
      } finally {
        await short.close();
      }
    });
  });
}

describe('storage expiry frees space', () => {
  it('memory: expired entries are dropped, so memory does not grow without bound', async () => {
    const store = new TtlMemoryStorage(200);
    for (let i = 0; i < 500; i += 1) await store.write({ [key()]: { i } });
    expect(store.size).to.equal(500);
    await sleep(300);
    await store.write({ [key()]: { last: true } });
    expect(store.size).to.equal(1);
  });

  it('sqlite: the purge deletes expired rows from the file', async () => {
    const where = await backend('sqlite');
    const store = (await where.open(0.2)) as SqliteStorage;
    try {
      await store.write({ [key('a')]: { x: 1 }, [key('b')]: { x: 2 } });
      expect(store.purgeExpired()).to.equal(0);
      await sleep(300);
      expect(store.purgeExpired()).to.equal(2);
    } finally {
      await store.close();
      await where.dispose();
    }
  });

  it('botbuilder MemoryStorage conflicts are recognised too (same message)', async () => {
    const mem = new MemoryStorage();
    const a = key();
    await mem.write({ [a]: { x: 1 } });
    const first = (await mem.read([a]))[a]!;
    await mem.write({ [a]: { ...first, x: 2 } });
    expect(isETagConflict(await rejection(mem.write({ [a]: { ...first, x: 3 } })))).to.equal(true);
  });
});
