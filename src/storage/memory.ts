// The in-process store (tests, single-process trials): MemoryStorage's eTag rules plus expiry, so that
// abandoned conversations are dropped instead of growing memory without bound.
import type { StoreItems } from 'botbuilder';
import { conditional, ETagConflictError, newETag, revive, serialise, type AppStorage } from './store.js';

interface Entry { json: string; eTag: string; expiresAt: number }

export class TtlMemoryStorage implements AppStorage {
  // Re-inserted on every write, so the Map's order is write order and expired entries sit at the front.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  /** Entries currently held (expired ones that were not swept yet included). */
  get size(): number {
    return this.entries.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = Date.now();
    const out: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key, now);
      if (entry) out[key] = revive(entry.json, entry.eTag);
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = Date.now();
    // Every eTag is checked before anything is written: a conflict leaves the whole batch unwritten.
    for (const [key, item] of Object.entries(changes)) {
      const old = this.live(key, now);
      if (old && conditional(item) && item.eTag !== old.eTag) throw new ETagConflictError(key);
    }
    for (const [key, item] of Object.entries(changes)) {
      this.entries.delete(key);
      this.entries.set(key, { json: serialise(item), eTag: newETag(), expiresAt: now + this.ttlMs });
    }
    this.sweep(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries from the front; stops at the first live one (every later one is younger). */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }
}
