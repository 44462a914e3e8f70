// The embedded default: one SQLite file (WAL), so conversations survive a restart with nothing to set up.
// Several processes may share the file on one machine; beyond one machine, use Redis.
// Deleted means gone from disk: secure_delete overwrites what a DELETE (or an UPDATE) frees with zeros, and after
// each deletion of a person's data (forget me, expiry) a TRUNCATE checkpoint copies the WAL into the file and
// empties the WAL, whose older frames would otherwise still hold the rows as they were.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import type { DirectLineLog } from './directline/log.js';
import { SqliteDirectLineLog } from './directline/sqlite.js';
import { conditional, ETagConflictError, newETag, revive, serialise, StorageError, type AppStorage } from './store.js';
import { SqliteUsageStats } from './usage/sqlite.js';
import type { UsageStats } from './usage/stats.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS state_expires_at ON state (expires_at);
`;

/** How often expired rows are deleted: reads already skip them, so this bounds how long the file holds them. */
const purgeEvery = (ttlMs: number): number => Math.max(1_000, Math.min(ttlMs, 10 * 60_000));

/**
 * The file's format, in PRAGMA user_version: 1 = written with secure_delete on. A file from before (0) is vacuumed
 * once on opening, so that the content its earlier deletions left in free pages is gone too.
 */
const SCRUBBED_VERSION = 1;

/**
 * Copies the WAL into the file and truncates the WAL to nothing, so neither holds an older copy of deleted rows.
 * False when another connection (another process on the file) kept it from finishing: try again later.
 */
export function checkpoint(db: Database.Database): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}

export class SqliteStorage implements AppStorage {
  private readonly db: Database.Database;
  private readonly timer: NodeJS.Timeout;
  private readonly selectOne: Database.Statement<[string, number], { etag: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly purge: Database.Statement<[number]>;
  private readonly writeAll: Database.Transaction<(changes: StoreItems, now: number) => void>;
  private log: SqliteDirectLineLog | undefined;
  /** A deletion whose checkpoint could not finish (another process was reading): the next purge round retries. */
  private unscrubbed = false;

  /** Opens (creating the folder and file when missing) or throws a StorageError naming SQLITE_PATH. */
  constructor(readonly path: string, private readonly ttlMs: number) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // NORMAL is durable against a crashed or killed process in WAL mode; only a power cut may lose the last turn.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      // Per connection: every process on the file sets it, so that nothing any of them frees stays readable.
      this.db.pragma('secure_delete = ON');
      this.db.exec(SCHEMA);
      if ((this.db.pragma('user_version', { simple: true }) as number) < SCRUBBED_VERSION) this.scrubOldFile();
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
      try {
        this.purgeExpired();
        if (this.unscrubbed) this.scrub();
      } catch { /* another process holds the lock: the next round purges */ }
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

  /** "Forget me" (and any other deletion): the rows go, and so does every copy of them in the file and the WAL. */
  async delete(keys: string[]): Promise<void> {
    let changes = 0;
    for (const key of keys) changes += this.remove.run(key).changes;
    if (changes > 0) this.scrub();
  }

  /** The daily usage counters, in this same file. */
  usageStats(retentionDays: number): UsageStats {
    return new SqliteUsageStats(this.db, retentionDays);
  }

  /** The built-in Direct Line's conversations, in this same file (deleting there scrubs the file alike). */
  directLineLog(): DirectLineLog {
    this.log ??= new SqliteDirectLineLog(this.db, this.ttlMs, purgeEvery(this.ttlMs), () => this.scrub());
    return this.log;
  }

  /** Deletes the rows expired at `now` (tests pass a later time) and every copy of them; returns how many. */
  purgeExpired(now = Date.now()): number {
    const purged = this.purge.run(now).changes;
    if (purged > 0) this.scrub();
    return purged;
  }

  /** After a deletion: the WAL into the file and emptied (secure_delete has already zeroed the freed space). */
  private scrub(): void {
    this.unscrubbed = !checkpoint(this.db);
  }

  /** A file written before secure_delete: rebuilt once without its free pages, then marked as scrubbed. */
  private scrubOldFile(): void {
    try {
      this.db.exec('VACUUM');
      this.db.pragma(`user_version = ${SCRUBBED_VERSION}`);
      checkpoint(this.db);
    } catch {
      // Another process is using the file: it is vacuumed at a later start; deletions from now on are scrubbed anyway.
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.log?.close();
    if (this.db.open) this.db.close();
  }
}
