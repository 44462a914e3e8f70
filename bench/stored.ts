// Bytes stored per conversation, read back through the store's own Storage interface (no debug hooks): the app
// runs in-process with the chosen store, whole conversations are played, and their state is read by key.
import { serialise } from '../src/storage/store.js';
import { median, type Vignette } from '../scripts/lib/dev-cases.js';
import { LiveDialogue } from './dialogue.js';
import { HttpClient } from './http-client.js';
import { startInProcess } from './in-process.js';
import { playOnce } from './load.js';
import { sqliteFileBytes } from './stores.js';

export interface StoredFigures {
  conversations: number;
  /** The JSON the store keeps for one finished conversation (its conversation state, without the eTag). */
  jsonBytes: { median: number; max: number };
  /** SQLite only: the database file (and its WAL) divided by the conversations in it. */
  fileBytesPerConversation?: number;
  problems: string[];
}

export async function storedBytes(env: Record<string, string>, vignettes: readonly Vignette[], rounds: number): Promise<StoredFigures> {
  const { app, storage } = await startInProcess(env);
  const client = new HttpClient(new URL(app.url));
  const sizes: number[] = [];
  const problems: string[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      for (const v of vignettes) {
        const dialogue = new LiveDialogue(v);
        const problem = await playOnce(client, dialogue);
        if (problem) { problems.push(`${v.id}: ${problem}`); continue; }
        const items = await storage.read(dialogue.keys);
        sizes.push(Object.values(items).reduce((n, item) => n + Buffer.byteLength(serialise(item)), 0));
      }
    }
  } finally {
    client.close();
    await app.close();
  }
  const figures: StoredFigures = { conversations: sizes.length, jsonBytes: { median: median(sizes), max: sizes.length ? Math.max(...sizes) : NaN }, problems };
  if (env.SQLITE_PATH) {
    figures.fileBytesPerConversation = Math.round(sqliteFileBytes(env.SQLITE_PATH) / Math.max(1, sizes.length));
  }
  return figures;
}
