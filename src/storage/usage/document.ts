// Usage counters on any botbuilder Storage (memory, Cosmos DB): one document per day, added to with the eTag
// it was read with, so two instances never lose an increment (the loser reads again and retries). The
// document's expiry is the store's; days past STATS_RETENTION_DAYS are never read and are deleted on write.
import type { Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from '../store.js';
import { cleanCounts, daysBetween, dayOf, oldestKept, type Counts, type UsageStats } from './stats.js';

interface Document extends StoreItem { counts: Counts }

const keyOf = (day: string): string => `usage/day/${day}`;
/** Retries of an add that met a concurrent one: far more than a few instances racing on one day need. */
const MAX_ATTEMPTS = 50;

export class DocumentUsageStats implements UsageStats {
  constructor(private readonly storage: Storage, private readonly retentionDays: number, private readonly now: () => number = Date.now) {}

  /** This instance's adds, one after another (a first write of a day cannot be eTag-checked, see below). */
  private queue: Promise<unknown> = Promise.resolve();

  add(day: string, counts: Counts): Promise<void> {
    const clean = cleanCounts(counts);
    if (Object.keys(clean).length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.addNow(day, clean));
    this.queue = run.catch(() => {});
    return run;
  }

  private async addNow(day: string, clean: Counts): Promise<void> {
    const key = keyOf(day);
    for (let attempt = 1; ; attempt++) {
      const doc = (await this.storage.read([key]))[key] as Document | undefined;
      const next: Document = { counts: { ...(doc?.counts ?? {}) }, eTag: doc?.eTag ?? '' };
      for (const [name, n] of Object.entries(clean)) next.counts[name] = (next.counts[name] ?? 0) + n;
      // No document yet: a conditional create is not in botbuilder's contract, so the first write of a day is
      // unconditional ('*'). This instance's adds are queued; two instances' very first adds of one day on
      // Cosmos DB could still race (SQLite and Redis have no such window).
      try {
        if (doc) {
          await this.storage.write({ [key]: next });
        } else {
          await this.storage.write({ [key]: { ...next, eTag: '*' } });
        }
        if (!doc) await this.dropExpired();
        return;
      } catch (err) {
        if (!isETagConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  async read(from: string, to: string): Promise<Record<string, Counts>> {
    const oldest = oldestKept(this.retentionDays, this.now());
    const days = daysBetween(from < oldest ? oldest : from, to);
    const docs = await this.storage.read(days.map(keyOf));
    const out: Record<string, Counts> = {};
    for (const day of days) {
      const doc = docs[keyOf(day)] as Document | undefined;
      if (doc?.counts && Object.keys(doc.counts).length > 0) out[day] = { ...doc.counts };
    }
    return out;
  }

  /** The first write of a day deletes the days just past retention (a week of them, in case some were missed). */
  private async dropExpired(): Promise<void> {
    const oldest = Date.parse(`${oldestKept(this.retentionDays, this.now())}T00:00:00Z`);
    await this.storage.delete(Array.from({ length: 7 }, (_, i) => keyOf(dayOf(oldest - (i + 1) * 86_400_000))));
  }
}
