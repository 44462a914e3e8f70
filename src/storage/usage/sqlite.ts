// Usage counters in the SQLite file: one row per day and counter, added with an UPSERT (count = count + n) in
// one transaction per turn, so processes sharing the file never lose an increment.
import type Database from 'better-sqlite3';
import { cleanCounts, oldestKept, type Counts, type UsageStats } from './stats.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS usage_counts (
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, name)
  ) WITHOUT ROWID;
`;

export class SqliteUsageStats implements UsageStats {
  private readonly addTx: Database.Transaction<(day: string, counts: Counts, oldest: string) => void>;
  private readonly select: Database.Statement<[string, string, string], { day: string; name: string; count: number }>;

  constructor(db: Database.Database, private readonly retentionDays: number, private readonly now: () => number = Date.now) {
    db.exec(SCHEMA);
    const upsert = db.prepare(`INSERT INTO usage_counts (day, name, count) VALUES (?, ?, ?)
      ON CONFLICT (day, name) DO UPDATE SET count = count + excluded.count`);
    const expire = db.prepare('DELETE FROM usage_counts WHERE day < ?');
    this.addTx = db.transaction((day, counts, oldest) => {
      expire.run(oldest);
      for (const [name, n] of Object.entries(counts)) upsert.run(day, name, n);
    });
    this.select = db.prepare('SELECT day, name, count FROM usage_counts WHERE day >= ? AND day <= ? AND day >= ?');
  }

  async add(day: string, counts: Counts): Promise<void> {
    const clean = cleanCounts(counts);
    if (Object.keys(clean).length === 0) return;
    this.addTx.immediate(day, clean, oldestKept(this.retentionDays, this.now()));
  }

  async read(from: string, to: string): Promise<Record<string, Counts>> {
    const out: Record<string, Counts> = {};
    for (const row of this.select.all(from, to, oldestKept(this.retentionDays, this.now()))) (out[row.day] ??= {})[row.name] = row.count;
    return out;
  }
}
