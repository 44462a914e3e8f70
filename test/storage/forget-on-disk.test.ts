// "Forget me" and expiry leave nothing readable on disk. A person reports a cancer history, then asks to be
// forgotten (over HTTP with expectReplies, and over the built-in Direct Line, whose transcript is kept too); or
// their conversation expires. The bytes of the SQLite file and of its WAL are then scanned for the conversation's
// distinctive values. Each scan is first shown to find them while they are still kept, so that it can fail.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config.js';
import { createStorage, openDirectLineLog } from '../../src/storage/factory.js';
import type { SqliteDirectLineLog } from '../../src/storage/directline/sqlite.js';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { conversation, startTestServer, type TestServer } from '../support/server.js';
import { PageSession, startConversation } from '../directline/support.js';
import { quietLog } from './stores.js';

const CANCER = '"cancer_history":"present"';

/** How often `needle` occurs in the bytes of the SQLite file and of its WAL (0 for a file that is not there). */
function onDisk(path: string, needle: string): { db: number; wal: number } {
  const count = (file: string) => {
    if (!existsSync(file)) return 0;
    const bytes = readFileSync(file);
    let n = 0;
    for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) n += 1;
    return n;
  };
  return { db: count(path), wal: count(`${path}-wal`) };
}

const total = (c: { db: number; wal: number }) => c.db + c.wal;

/** A unique word nobody else types: the person's own words, as they would be kept in a transcript. */
const markerWord = () => `zorbulon${randomUUID().slice(0, 8)}`;

describe('forget me and expiry leave no readable copy in the SQLite file or its WAL', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'second-look-forget-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('through the running bot', () => {
    let app: TestServer;
    let path: string;
    beforeEach(async () => {
      path = join(dir, 'second-look.db');
      app = await startTestServer({ STORAGE: 'sqlite', SQLITE_PATH: path });
    });
    afterEach(async () => { await app?.close(); });

    it('over HTTP (expectReplies): the answers are gone from the file and the WAL after "forget me" and "yes"', async () => {
      const c = conversation(app.url);
      await c.start();
      // The state keeps what was understood, not the text: the finding and the week count are what it holds.
      await c.say('my back still hurts after 37 weeks of physio, and I had bowel cancer five years ago');
      await c.say('most days');
      const weeks = '"ptWeeks":37';
      const before = { cancer: onDisk(path, CANCER), weeks: onDisk(path, weeks) };
      expect(total(before.cancer), `${CANCER} is kept while the conversation is (${JSON.stringify(before)})`).to.be.greaterThan(0);
      expect(total(before.weeks), `${weeks} is kept while the conversation is`).to.be.greaterThan(0);

      await c.say('forget me');
      const done = await c.say('yes');
      expect(done.map((a) => a.text).join(' ')).to.match(/deleted/i);
      expect(onDisk(path, CANCER), 'after forget me').to.deep.equal({ db: 0, wal: 0 });
      expect(onDisk(path, weeks), 'after forget me').to.deep.equal({ db: 0, wal: 0 });
      // A clean shutdown afterwards (the last checkpoint) brings nothing back.
      await app.close();
      expect(onDisk(path, CANCER), 'after the shutdown').to.deep.equal({ db: 0, wal: 0 });
    });

    it('over the built-in Direct Line: the transcript up to the goodbye is gone too, and the goodbye stays', async () => {
      const started = await startConversation(app.url);
      const page = new PageSession(() => started.domain, started.id, started.token);
      await page.read();
      const marker = markerWord();
      await page.say(`about ten weeks of PT, I had breast cancer ${marker} years ago`);
      await page.say('most days');
      const before = { marker: onDisk(path, marker), cancer: onDisk(path, CANCER) };
      expect(total(before.marker), `the person's words are in the kept transcript (${JSON.stringify(before)})`).to.be.greaterThan(0);
      expect(total(before.cancer), 'the finding is in the kept state').to.be.greaterThan(0);

      await page.say('forget me');
      const goodbye = await page.say('yes');
      expect(goodbye.map((a) => a.text).join(' ')).to.match(/deleted/i);
      expect(onDisk(path, marker), 'the marker after forget me').to.deep.equal({ db: 0, wal: 0 });
      expect(onDisk(path, CANCER), 'the finding after forget me').to.deep.equal({ db: 0, wal: 0 });
      // What the page can still read is the goodbye and nothing of what came before it.
      const fresh = new PageSession(() => started.domain, started.id, page.token);
      const left = await fresh.read();
      expect(left.map((a) => a.text ?? '').join(' ')).to.match(/deleted/i).and.not.include(marker);
    });
  });

  describe('expiry (the stores purged as of a time past CONVERSATION_TTL)', () => {
    it('conversation state and the Direct Line transcript are gone from the file and the WAL', async () => {
      const path = join(dir, 'state', 'second-look.db');
      const storage = await createStorage({ ...loadSettings({ STORAGE: 'sqlite', SQLITE_PATH: path }), conversationTtl: 60 }, quietLog());
      try {
        const marker = markerWord();
        const id = randomUUID();
        await storage.write({ [`directline/conversations/${id}/`]: { interview: { answers: { findings: { cancer_history: 'present' } }, note: marker } } });
        const log = openDirectLineLog(storage) as SqliteDirectLineLog;
        await log.start(id, 'dl_person');
        await log.append(id, { type: 'message', text: `I had cancer, ${marker}` });
        expect(total(onDisk(path, marker)), 'kept before expiry').to.be.greaterThan(1);
        expect(total(onDisk(path, CANCER)), 'kept before expiry').to.be.greaterThan(0);

        const later = Date.now() + 61_000;
        expect((storage as SqliteStorage).purgeExpired(later)).to.equal(1);
        expect(log.purgeExpired(later)).to.equal(1);
        expect(onDisk(path, marker), 'the marker after expiry').to.deep.equal({ db: 0, wal: 0 });
        expect(onDisk(path, CANCER), 'the finding after expiry').to.deep.equal({ db: 0, wal: 0 });
      } finally {
        await storage.close();
      }
    });
  });

  it('a file written before secure_delete is rebuilt once when opened, so earlier deletions are gone too', async () => {
    const path = join(dir, 'old.db');
    const marker = markerWord();
    // As an earlier version left it: a deleted row still readable in a free page, the file never marked.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE state (key TEXT PRIMARY KEY, etag TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    old.prepare('INSERT INTO state VALUES (?, ?, ?, ?)').run('k', 'e', JSON.stringify({ note: marker, pad: 'x'.repeat(3000) }), Date.now() + 60_000);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.prepare('DELETE FROM state WHERE key = ?').run('k');
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(onDisk(path, marker).db, 'the old file holds the deleted row').to.be.greaterThan(0);

    const storage = new SqliteStorage(path, 60_000);
    try {
      expect(onDisk(path, marker)).to.deep.equal({ db: 0, wal: 0 });
      const check = new Database(path, { readonly: true });
      try {
        expect(check.pragma('user_version', { simple: true })).to.equal(1);
      } finally {
        check.close();
      }
    } finally {
      await storage.close();
    }
  });
});
