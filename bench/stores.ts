// The store under test as settings for each server, and a private redis-server on loopback when Redis is chosen.
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { startRedis } from '../scripts/lib/redis-server.js';

export const STORES = ['memory', 'sqlite', 'redis'] as const;
export type StoreKind = (typeof STORES)[number];

export interface StoreSetup {
  kind: StoreKind;
  /** Settings for one server; `name` keeps each server's SQLite file apart. */
  env(name: string): Record<string, string>;
  close(): Promise<void>;
}

const onPath = (bin: string): string | undefined =>
  (process.env.PATH ?? '').split(delimiter).map((d) => join(d, bin)).find((p) => existsSync(p));

/** The store's settings, or a reason it cannot be benchmarked here (no redis-server). */
export async function setupStore(kind: StoreKind, dir: string): Promise<StoreSetup | { skipped: string }> {
  switch (kind) {
    case 'memory':
      return { kind, env: () => ({ STORAGE: 'memory' }), close: async () => {} };
    case 'sqlite':
      return { kind, env: (name) => ({ STORAGE: 'sqlite', SQLITE_PATH: join(dir, `${name}.db`) }), close: async () => {} };
    case 'redis': {
      if (!onPath('redis-server')) return { skipped: 'redis-server is not installed (apt-get install redis-server)' };
      const redis = await startRedis();
      return { kind, env: () => ({ STORAGE: 'redis', REDIS_URL: redis.url }), close: () => redis.stop() };
    }
  }
}

/** A SQLite database's size on disk: the file and its write-ahead log. */
export function sqliteFileBytes(path: string): number {
  const size = (file: string) => { try { return statSync(file).size; } catch { return 0; } };
  return size(path) + size(`${path}-wal`);
}
