// The embedded default: one SQLite file (WAL), so conversations survive a restart with nothing to set up.
// Several processes may share the file on one machine; beyond one machine, use Redis.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import type { DirectLineLog } from './directline/log.js';
import { SqliteDirectLineLog } from './directline/sqlite.js';
import { conditional, ETagConflictError, newETag, revive, serialise, StorageError, type AppStorage } from './store.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS state_expires_at ON state (expires_at);
`;

/** How often expired rows are deleted: reads already skip them, so this only bounds the file's growth. */
const purgeEvery = (ttlMs: number): number => Math.max(1_000, Math.min(ttlMs, 10 * 60_000));

export class SqliteStorage implements AppStorage {
  private readonly db: Database.Database;
  private readonly timer: NodeJS.Timeout;
  private readonly selectOne: Database.Statement<[string, number], { etag: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly purge: Database.Statement<[number]>;
  private readonly writeAll: Database.Transaction<(changes: StoreItems, now: number) => void>;
  private log: SqliteDirectLineLog | undefined;

  /** Opens (creating the folder and file when missing) or throws a StorageError naming SQLITE_PATH. */
  constructor(readonly path: string, private readonly ttlMs: number) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable against a crashed or killed process in WAL mode; only a power cut may lose the last turn.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      // Proves the file is writable now rather than at the first turn.
      this.db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (err) {
      throw new StorageError('SQLITE_PATH', `cannot open ${path} for writing (${(err as Error).message})`);
    }
    this.selectOne = this.db.prepare('SELECT etag, value FROM state WHERE key = ? AND expires_at > ?');
    this.upsert = this.db.prepare(`INSERT INTO state (key, etag, value, expires_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, expires_at = excluded.expires_at`);
    this.remove = this.db.prepare('DELETE FROM state WHERE key = ?');
    this.purge = this.db.prepare('DELETE FROM state WHERE expires_at <= ?');
    // The eTag check and the write in one IMMEDIATE transaction: no other process can slip in between.
    this.writeAll = this.db.transaction((changes: StoreItems, now: number) => {
      for (const [key, item] of Object.entries(changes)) {
        const old = this.selectOne.get(key, now);
        if (old && conditional(item) && item.eTag !== old.etag) throw new ETagConflictError(key);
        this.upsert.run(key, newETag(), serialise(item), now + this.ttlMs);
      }
    });
    this.purgeExpired();
    this.timer = setInterval(() => {
      try { this.purgeExpired(); } catch { /* another process holds the lock: the next round purges */ }
    }, purgeEvery(ttlMs));
    this.timer.unref(); // never keeps the process alive on its own
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = Date.now();
    const out: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key, now);
      if (row) out[key] = revive(row.value, row.etag);
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    this.writeAll.immediate(changes, Date.now());
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove.run(key);
  }

  /** The built-in Direct Line's conversations, in this same file. */
  directLineLog(): DirectLineLog {
    this.log ??= new SqliteDirectLineLog(this.db, this.ttlMs, purgeEvery(this.ttlMs));
    return this.log;
  }

  /** Deletes expired rows; returns how many. */
  purgeExpired(): number {
    return this.purge.run(Date.now()).changes;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.log?.close();
    if (this.db.open) this.db.close();
  }
}
