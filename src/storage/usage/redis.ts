// Usage counters in Redis: one hash per day (HINCRBY per counter), all of a turn's increments and the day's
// expiry in one MULTI, so instances sharing the Redis never lose one and a day goes after STATS_RETENTION_DAYS.
import type { Redis } from 'ioredis';
import { cleanCounts, daysBetween, oldestKept, type Counts, type UsageStats } from './stats.js';

const keyOf = (day: string): string => `usage:${day}`;

export class RedisUsageStats implements UsageStats {
  constructor(private readonly redis: Redis, private readonly retentionDays: number, private readonly now: () => number = Date.now) {}

  async add(day: string, counts: Counts): Promise<void> {
    const clean = cleanCounts(counts);
    if (Object.keys(clean).length === 0) return;
    const multi = this.redis.multi();
    for (const [name, n] of Object.entries(clean)) multi.hincrby(keyOf(day), name, n);
    // The day's hash lives until the end of its last kept day.
    const expiresAt = Date.parse(`${day}T00:00:00Z`) + this.retentionDays * 86_400_000;
    multi.pexpireat(keyOf(day), expiresAt);
    const results = await multi.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw failed?.[0] ?? new Error('usage counters: the transaction was discarded');
  }

  async read(from: string, to: string): Promise<Record<string, Counts>> {
    const oldest = oldestKept(this.retentionDays, this.now());
    const days = daysBetween(from < oldest ? oldest : from, to);
    const hashes = await Promise.all(days.map((day) => this.redis.hgetall(keyOf(day))));
    const out: Record<string, Counts> = {};
    days.forEach((day, i) => {
      const hash = hashes[i] ?? {};
      if (Object.keys(hash).length === 0) return;
      out[day] = Object.fromEntries(Object.entries(hash).map(([k, v]) => [k, Number(v)]));
    });
    return out;
  }
}
