// What one built-in Direct Line conversation keeps, read back from each store in its own terms and from the
// outside of the app: SQLite's rows over a second, read-only connection; Redis's keys over a second client;
// the memory store's document through botbuilder's Storage (the only way into it).
import Database from 'better-sqlite3';
import type { Storage, StoreItem } from 'botbuilder';
import { Redis } from 'ioredis';
import { serialise } from '../src/storage/store.js';
import type { StoreKind } from './stores.js';

export interface KeptSize {
  activities: number;
  /** The activities' stored JSON plus the conversation's own record (its user and counter). */
  bytes: number;
  /** Redis only: MEMORY USAGE of the conversation's two keys, what the server really spends on them. */
  redisMemoryBytes?: number;
}

export interface SizeReader {
  measure(conversationId: string): Promise<KeptSize>;
  close(): Promise<void>;
}

const missing = (id: string): Error => new Error(`direct line conversation ${id} is not in the store`);

// DocumentDirectLineLog's key and shape (src/storage/directline/document.ts).
type Document = StoreItem & { activities: Record<string, string> };

function documentReader(storage: Storage): SizeReader {
  return {
    async measure(id) {
      const key = `directline/log/${id}`;
      const doc = (await storage.read([key]))[key] as Document | undefined;
      if (!doc) throw missing(id);
      return { activities: Object.keys(doc.activities).length, bytes: Buffer.byteLength(serialise(doc)) };
    },
    close: async () => {},
  };
}

function sqliteReader(path: string): SizeReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  // length() of TEXT counts characters: the cast counts the bytes (the bot writes ’ and other non-ASCII).
  const activities = db.prepare<[string], { n: number; bytes: number }>(
    'SELECT count(*) AS n, coalesce(sum(length(CAST(body AS BLOB))), 0) AS bytes FROM directline_activities WHERE conversation_id = ?');
  // The conversation row: its two texts and two integers (next_seq, expires_at; 8 bytes each at most).
  const conversation = db.prepare<[string], { bytes: number }>(
    'SELECT length(CAST(id AS BLOB)) + length(CAST(user_id AS BLOB)) + 16 AS bytes FROM directline_conversations WHERE id = ?');
  return {
    async measure(id) {
      const row = conversation.get(id);
      if (!row) throw missing(id);
      const kept = activities.get(id)!;
      return { activities: kept.n, bytes: kept.bytes + row.bytes };
    },
    close: async () => { db.close(); },
  };
}

function redisReader(url: string): SizeReader {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  // RedisDirectLineLog's keys (src/storage/directline/redis.ts) with the app's key prefix; a second client has none.
  const keysOf = (id: string) => [`second-look:directline:{${id}}:meta`, `second-look:directline:{${id}}:activities`] as const;
  const valueBytes = async (key: string): Promise<number> => {
    const fields = await redis.hkeys(key);
    const lengths = await Promise.all(fields.map((f) => redis.hstrlen(key, f)));
    return lengths.reduce((n, l) => n + l, 0);
  };
  // SAMPLES 0: every field is counted, not an estimate from the first few.
  const memoryUsage = async (key: string) => Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') ?? 0);
  return {
    async measure(id) {
      const [meta, activities] = keysOf(id);
      const n = await redis.hlen(activities);
      if (n === 0) throw missing(id);
      const [metaBytes, activityBytes, metaMemory, activityMemory] = await Promise.all([
        valueBytes(meta), valueBytes(activities), memoryUsage(meta), memoryUsage(activities),
      ]);
      return { activities: n, bytes: metaBytes + activityBytes, redisMemoryBytes: metaMemory + activityMemory };
    },
    close: async () => { await redis.quit(); },
  };
}

/** A reader for the store the app runs on; `env` is its settings, `storage` the store the app opened. */
export function openSizeReader(kind: StoreKind, env: Record<string, string>, storage: Storage): SizeReader {
  switch (kind) {
    case 'memory': return documentReader(storage);
    case 'sqlite': return sqliteReader(env.SQLITE_PATH!);
    case 'redis': return redisReader(env.REDIS_URL!);
  }
}
