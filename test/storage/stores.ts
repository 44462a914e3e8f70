// The stores under test, each built through the real factory from settings: memory, SQLite in a temp
// folder, and Redis on a redis-server of its own. Shared by the storage suites.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createStorage } from '../../src/storage/factory.js';
import type { AppStorage } from '../../src/storage/store.js';
import { startRedis, type RedisProcess } from '../../scripts/lib/redis-server.js';

export type Kind = 'memory' | 'sqlite' | 'redis';
export const KINDS: Kind[] = ['memory', 'sqlite', 'redis'];

/** Where a store of each kind lives: the env that points the app at it, and how to clean up. */
export interface Backend {
  kind: Kind;
  env: Record<string, string>;
  /** A store on this backend (callers close it); `ttlSeconds` may be a fraction for expiry tests. */
  open(ttlSeconds?: number, log?: Logger): Promise<AppStorage>;
  dispose(): Promise<void>;
}

export const quietLog = (): Logger => createLogger({ level: 'error', write: () => {} });

export async function backend(kind: Kind): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), `second-look-${kind}-`));
  const redis: RedisProcess | undefined = kind === 'redis' ? await startRedis() : undefined;
  const env: Record<string, string> = { STORAGE: kind, SQLITE_PATH: join(dir, 'state', 'second-look.db') };
  if (redis) env.REDIS_URL = redis.url;
  return {
    kind,
    env,
    open: (ttlSeconds = 86_400, log = quietLog()) => createStorage({ ...loadSettings(env), conversationTtl: ttlSeconds }, log),
    dispose: async () => {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
