// A store that makes two turns of one conversation race: shared by the suites that check what a stale save does.
import type { Storage, StoreItems } from 'botbuilder';

/**
 * The real store, with reads of conversation state held until `arm()`'s two turns have both read: both
 * then hold the same eTag, so one of their saves must be the stale one. Writes go straight through.
 */
export function raceGate(inner: Storage) {
  let waiting: (() => void)[] = [];
  let armed = false;
  const storage: Storage = {
    read: async (keys) => {
      const items = await inner.read(keys);
      if (armed && keys.some((k) => k.includes('/conversations/'))) {
        await new Promise<void>((release) => {
          waiting.push(release);
          if (waiting.length === 2) { armed = false; waiting.forEach((r) => r()); waiting = []; }
        });
      }
      return items;
    },
    write: (changes: StoreItems) => inner.write(changes),
    delete: (keys) => inner.delete(keys),
  };
  return { storage, arm: () => { armed = true; } };
}
