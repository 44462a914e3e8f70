// What every conversation store shares: botbuilder's Storage contract, a close() for shutdown, and the two
// errors callers tell apart (a stale write, and a store that cannot be used at all).
import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { DirectLineLog } from './directline/log.js';
import type { UsageStats } from './usage/stats.js';

/** A botbuilder Storage that also releases its file or connection on shutdown. */
export interface AppStorage extends Storage {
  close(): Promise<void>;
  /** The built-in Direct Line's conversations in this store's own form; others get one document each. */
  directLineLog?(): DirectLineLog;
  /** The daily usage counters in this store's own form (atomic increments); others get a document per day. */
  usageStats?(retentionDays: number): UsageStats;
}

/**
 * A write whose eTag is not the stored one: another turn saved first. Same message as botbuilder's
 * MemoryStorage, so callers that match on it keep working. Keys hold ids only, never message text.
 */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** The store cannot be opened or reached: one line naming the setting to look at (never a secret). */
export class StorageError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Storage error (${variable}): ${detail}`);
    this.name = 'StorageError';
  }
}

/**
 * True for a stale write from any store: ours, botbuilder's MemoryStorage (same message), or Cosmos DB
 * (HTTP 412 Precondition Failed on an IfMatch upsert).
 */
export function isETagConflict(err: unknown): boolean {
  if (err instanceof ETagConflictError) return true;
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  if (e?.code === 412 || e?.statusCode === 412) return true;
  return typeof e?.message === 'string' && e.message.includes('due to eTag conflict');
}

/** True when a write must match the stored eTag: botbuilder's rule, '*' or no eTag writes unconditionally. */
export const conditional = (item: StoreItem): item is StoreItem & { eTag: string } =>
  typeof item.eTag === 'string' && item.eTag !== '' && item.eTag !== '*';

/** The stored form of an item: its JSON without the eTag, which each store keeps beside it. */
export function serialise(item: StoreItem): string {
  const { eTag: _ignored, ...rest } = item;
  return JSON.stringify(rest);
}

/** An item as read back: the stored JSON with its current eTag. */
export const revive = (json: string, eTag: string): StoreItem => ({ ...(JSON.parse(json) as StoreItem), eTag });

/** A fresh eTag: random, so instances sharing a store need no counter between them. */
export const newETag = (): string => randomBytes(9).toString('base64url');

export type { StoreItems };
