// Shared state for several bot instances (scale-out): each conversation is one Redis hash with its eTag
// and JSON, expiring CONVERSATION_TTL after its last write. One key per command or script, so the same
// code runs on Redis Cluster or a managed Redis.
import type { Redis } from 'ioredis';
import type { StoreItems } from 'botbuilder';
import type { Logger } from '../log.js';
import type { DirectLineLog } from './directline/log.js';
import { RedisDirectLineLog } from './directline/redis.js';
import { conditional, ETagConflictError, newETag, revive, serialise, StorageError, type AppStorage } from './store.js';
import { RedisUsageStats } from './usage/redis.js';
import type { UsageStats } from './usage/stats.js';

// The eTag check and the write run as one script, so no other instance can write in between.
// ARGV: expected eTag ('' = unconditional), new eTag, JSON, TTL in ms. Returns 0 on a stale eTag.
const WRITE = `
local current = redis.call('HGET', KEYS[1], 'e')
if ARGV[1] ~= '' and current and current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'e', ARGV[2], 'v', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

const KEY_PREFIX = 'second-look:';

/** The URL without its password, for error lines and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

export class RedisStorage implements AppStorage {
  private log: RedisDirectLineLog | undefined;

  private constructor(private readonly redis: Redis, private readonly ttlMs: number) {}

  /** Connects (so a wrong REDIS_URL stops start-up with one line) and returns the store. */
  static async open(url: string, ttlMs: number, log: Logger): Promise<RedisStorage> {
    // Imported only when chosen: ioredis costs about 0.2 s of start-up that other stores need not pay.
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      lazyConnect: true,
      keyPrefix: KEY_PREFIX,
      // While Redis is away a turn fails at once (the person gets the apology) instead of queueing;
      // reconnection goes on in the background and the next turn carries on.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 3_000,
      commandTimeout: 3_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    let up = false;
    redis.on('ready', () => {
      if (!up) log.info('redis connected', { url: redactUrl(url) });
      up = true;
    });
    redis.on('close', () => {
      // Once per outage, not once per reconnection attempt.
      if (up) log.error('redis unavailable', { url: redactUrl(url) });
      up = false;
    });
    // Without a listener ioredis prints every failed reconnection itself.
    redis.on('error', (err: Error) => log.debug('redis error', { url: redactUrl(url), err }));
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new StorageError('REDIS_URL', `cannot connect to ${redactUrl(url)} (${(err as Error).message})`);
    }
    return new RedisStorage(redis, ttlMs);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hmget(key, 'e', 'v');
    const results = (await pipeline.exec()) ?? [];
    const out: StoreItems = {};
    keys.forEach((key, i) => {
      const [err, fields] = results[i] ?? [new Error('no reply')];
      if (err) throw err;
      const [eTag, json] = fields as [string | null, string | null];
      if (eTag !== null && json !== null) out[key] = revive(json, eTag);
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = conditional(item) ? item.eTag : '';
      const ok = await this.redis.eval(WRITE, 1, key, expected, newETag(), serialise(item), this.ttlMs);
      if (ok === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    // One DEL per key: keys of one person may live on different Redis Cluster nodes.
    await Promise.all(keys.map((key) => this.redis.del(key)));
  }

  /** The daily usage counters, on this same Redis. */
  usageStats(retentionDays: number): UsageStats {
    return new RedisUsageStats(this.redis, retentionDays);
  }

  /** The built-in Direct Line's conversations, on this same Redis. */
  directLineLog(): DirectLineLog {
    this.log ??= new RedisDirectLineLog(this.redis, this.ttlMs);
    return this.log;
  }

  async close(): Promise<void> {
    await this.log?.close();
    // Closing on purpose is not an outage: no "redis unavailable" line.
    this.redis.removeAllListeners('close');
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect(); // already gone: nothing to flush
    }
  }
}
