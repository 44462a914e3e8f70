// What the built-in Direct Line keeps per conversation in the chosen store: the app runs in-process, whole
// conversations (the dev vignettes' patients) are played over the page's REST calls, and each is read back
// from the store once it has ended.
import { median, type Vignette } from '../scripts/lib/dev-cases.js';
import { LiveDialogue } from './dialogue.js';
import { playOverDirectLine } from './directline-client.js';
import { openSizeReader, type KeptSize } from './directline-sizes.js';
import { startInProcess } from './in-process.js';
import { sqliteFileBytes, type StoreKind } from './stores.js';

export interface Spread { median: number; max: number }

export interface DirectLineStoredFigures {
  store: StoreKind;
  conversations: number;
  activities: Spread;
  /** The activities' stored JSON and the conversation's record (see directline-sizes.ts per store). */
  bytes: Spread;
  /** Redis only: MEMORY USAGE of the conversation's keys. */
  redisMemoryBytes?: Spread;
  /** SQLite only: growth of the file (and its WAL) over the run, per conversation (the bot's own state included). */
  sqliteFileGrowthPerConversation?: number;
  problems: string[];
}

const spread = (values: number[]): Spread => ({ median: Math.round(median(values)), max: values.length ? Math.max(...values) : NaN });

export async function directLineStored(kind: StoreKind, env: Record<string, string>, vignettes: readonly Vignette[], rounds: number): Promise<DirectLineStoredFigures> {
  const { app, storage } = await startInProcess(env);
  const reader = openSizeReader(kind, env, storage);
  const fileAtStart = env.SQLITE_PATH ? sqliteFileBytes(env.SQLITE_PATH) : 0;
  const sizes: KeptSize[] = [];
  const problems: string[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      for (const v of vignettes) {
        const played = await playOverDirectLine(app.url, new LiveDialogue(v));
        if (played.problem || !played.conversationId) { problems.push(`${v.id}: ${played.problem}`); continue; }
        sizes.push(await reader.measure(played.conversationId));
      }
    }
  } finally {
    await reader.close();
    await app.close();
  }
  const figures: DirectLineStoredFigures = {
    store: kind,
    conversations: sizes.length,
    activities: spread(sizes.map((s) => s.activities)),
    bytes: spread(sizes.map((s) => s.bytes)),
    problems,
  };
  if (kind === 'redis') figures.redisMemoryBytes = spread(sizes.map((s) => s.redisMemoryBytes ?? NaN));
  // Read after close, when SQLite has folded the WAL into the file: while open, pages sit in both and count twice.
  if (env.SQLITE_PATH) figures.sqliteFileGrowthPerConversation = Math.round((sqliteFileBytes(env.SQLITE_PATH) - fileAtStart) / Math.max(1, sizes.length));
  return figures;
}

/** A small table: one row per figure, median and max. */
export function printDirectLineStored(f: DirectLineStoredFigures): void {
  const row = (label: string, s: Spread | number, note: string) => {
    const [median, max] = typeof s === 'number' ? [s, ''] : [s.median, s.max];
    console.log(`  ${label.padEnd(20)} ${String(median).padStart(8)} ${String(max).padStart(8)}   ${note}`);
  };
  const what = { memory: 'the document\'s JSON (Storage read of directline/log/<id>)', sqlite: 'length(body) in bytes + the conversation row', redis: 'HSTRLEN of the activities and meta fields' }[f.store];
  console.log(`Direct Line log per conversation, store ${f.store} (${f.conversations} conversations over the REST calls):`);
  console.log(`  ${''.padEnd(20)} ${'median'.padStart(8)} ${'max'.padStart(8)}`);
  row('activities kept', f.activities, 'the greeting, each message\'s echo and the bot\'s replies');
  row('stored bytes', f.bytes, what);
  if (f.redisMemoryBytes) row('Redis MEMORY USAGE', f.redisMemoryBytes, 'bytes, :meta + :activities (SAMPLES 0)');
  if (f.sqliteFileGrowthPerConversation !== undefined) row('file growth', f.sqliteFileGrowthPerConversation, 'bytes of db + wal per conversation, after the app closed (the bot state in the same file included)');
  if (f.problems.length) console.log(`  problems: ${f.problems.join('; ')}`);
}
