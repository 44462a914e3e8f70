// Chooses the conversation storage from the settings. One case per backend, so SQLite, Redis or Cosmos
// can be added as a case (and a value in config's STORAGE enum) without touching the callers.
import { MemoryStorage, type Storage } from 'botbuilder';
import type { Settings } from '../config.js';

export function createStorage(settings: Pick<Settings, 'storage' | 'conversationTtl'>): Storage {
  const kind = settings.storage;
  switch (kind) {
    case 'memory':
      // Lost on restart and never expires yet (conversationTtl will drive expiry in a later change).
      return new MemoryStorage();
    default: {
      // Compile-time check that every STORAGE value has a case.
      const unreachable: never = kind;
      throw new Error(`unknown storage ${String(unreachable)}`);
    }
  }
}
