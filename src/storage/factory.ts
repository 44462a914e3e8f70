// Chooses the conversation storage from the settings: one case per backend, each behind botbuilder's
// Storage contract (read, write, delete, eTag checks) plus close() for shutdown.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Settings } from '../config.js';
import { DEFAULT_CONTENT_DIR } from '../knowledge/load.js';
import { log as processLog, type Logger } from '../log.js';
import { createCosmosStorage } from './cosmos.js';
import { DocumentDirectLineLog } from './directline/document.js';
import type { DirectLineLog } from './directline/log.js';
import { TtlMemoryStorage } from './memory.js';
import { RedisStorage } from './redis.js';
import { SqliteStorage } from './sqlite.js';
import type { AppStorage } from './store.js';
import { DocumentUsageStats } from './usage/document.js';
import type { UsageStats } from './usage/stats.js';

export type StorageSettings = Pick<Settings, 'storage' | 'conversationTtl' | 'sqlitePath' | 'redisUrl'
  | 'cosmosDbEndpoint' | 'cosmosDbAuthKey' | 'cosmosDbDatabaseId' | 'cosmosDbContainerId'>;

/** SQLITE_PATH as a file name: relative paths start at the package folder (content/'s parent). */
export const sqliteFile = (path: string): string => (isAbsolute(path) ? path : resolve(dirname(DEFAULT_CONTENT_DIR), path));

/** The store named by STORAGE, opened and ready; throws a StorageError (one line) when it cannot be used. */
export async function createStorage(settings: StorageSettings, log: Logger = processLog): Promise<AppStorage> {
  const ttlMs = settings.conversationTtl * 1000;
  const kind = settings.storage;
  switch (kind) {
    case 'memory':
      return new TtlMemoryStorage(ttlMs);
    case 'sqlite':
      return new SqliteStorage(sqliteFile(settings.sqlitePath), ttlMs);
    case 'redis':
      return RedisStorage.open(settings.redisUrl, ttlMs, log);
    case 'cosmos':
      return createCosmosStorage(settings);
    default: {
      // Compile-time check that every STORAGE value has a case.
      const unreachable: never = kind;
      throw new Error(`unknown storage ${String(unreachable)}`);
    }
  }
}

/** The daily usage counters in the same store: its own form where it has one, else a document per day. */
export const openUsageStats = (storage: AppStorage, retentionDays: number): UsageStats =>
  storage.usageStats?.(retentionDays) ?? new DocumentUsageStats(storage, retentionDays);

/** The built-in Direct Line's conversations in the same store: its own form where it has one, else a document each. */
export const openDirectLineLog = (storage: AppStorage): DirectLineLog => storage.directLineLog?.() ?? new DocumentDirectLineLog(storage);
