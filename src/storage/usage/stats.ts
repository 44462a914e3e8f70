// Usage counters: daily aggregates only, never anything per person. A turn's counts are one small map of
// counter names ("assessment:soon", "reached:pt_weeks", "finding:present:saddle_numbness") to increments,
// added to its UTC day once the turn's state save has succeeded (a turn whose save the eTag refused counts
// nothing, so the at-least-once delivery of a turn cannot count it twice). Each store adds atomically: SQLite
// one UPSERT transaction, Redis HINCRBY in one MULTI with an expiry, other stores an eTag-checked document.
// Days older than STATS_RETENTION_DAYS are dropped (Redis expires them; the others delete them on write and
// never read them).

/** Counter names to increments for one day. */
export type Counts = Record<string, number>;

export interface UsageStats {
  /** Adds the counts to the day (YYYY-MM-DD, UTC), atomically per store. */
  add(day: string, counts: Counts): Promise<void>;
  /** The counts of each day from `from` to `to` (inclusive) that has any; days past retention are never returned. */
  read(from: string, to: string): Promise<Record<string, Counts>>;
}

/** The UTC day of a time, as YYYY-MM-DD. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The days from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(dayOf(t));
  return out;
}

/** The oldest day still kept at `now`. */
export const oldestKept = (retentionDays: number, now = Date.now()): string => dayOf(now - (retentionDays - 1) * 86_400_000);

/** Only positive whole increments with names of the fixed form are kept (nothing else can reach a store). */
export function cleanCounts(counts: Counts): Counts {
  const out: Counts = {};
  for (const [name, n] of Object.entries(counts)) {
    if (/^[a-z_]+(:[a-z0-9_]+){0,2}$/.test(name) && Number.isInteger(n) && n > 0) out[name] = n;
  }
  return out;
}
