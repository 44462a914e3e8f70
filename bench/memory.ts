// RSS of a fresh bot process: at rest, after many whole conversations, and after they have expired. Each figure
// is read after a full garbage collection (through the probe), so it shows what is held, not what V8 has not
// collected yet; RSS as it was before that collection is kept beside it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Vignette } from '../scripts/lib/dev-cases.js';
import { LiveDialogue } from './dialogue.js';
import { closedLoop, playOnce } from './load.js';
import { BOT_ENTRY, startServer, type ServerProcess } from './servers.js';

interface Reading { rssMb: number; heapUsedMb: number }

export interface MemoryFigures {
  conversations: number;
  ttlSeconds: number;
  loadSeconds: number;
  errors: number;
  start: Reading;
  afterConversations: Reading & { rssBeforeGcMb: number };
  afterExpiry: Reading;
  /** afterExpiry's RSS relative to start's: the target is at most +10%. */
  rssChangePercent: number;
}

const mb = (bytes: number | null | undefined): number => (bytes == null ? NaN : Math.round((bytes / 1024 / 1024) * 10) / 10);

async function read(bot: ServerProcess): Promise<Reading> {
  const r = await bot.probe({ cmd: 'memory', gc: true });
  if (!r.ok) throw new Error(r.error);
  return { rssMb: mb(r.rss), heapUsedMb: mb(r.heapUsed) };
}

/**
 * The stores drop expired conversations on later writes or on a timer, so after the TTL one more conversation
 * is played (a live bot keeps getting turns) before memory is read again.
 */
export async function memoryPhase(env: Record<string, string>, vignettes: readonly Vignette[], conversations: number, ttl: number, concurrency: number): Promise<MemoryFigures> {
  const bot = await startServer('bot (memory run)', BOT_ENTRY, { env: { ...env, CONVERSATION_TTL: String(ttl) }, probe: true });
  let i = 0;
  const make = () => new LiveDialogue(vignettes[i++ % vignettes.length]!);
  try {
    for (const v of vignettes) await playOnce(bot.client, new LiveDialogue(v)); // code loaded, JIT warm
    const start = await read(bot);
    const run = await closedLoop(bot.client, make, { concurrency, conversations });
    const lastTurn = performance.now();
    const rssBeforeGcMb = mb(bot.rss());
    const afterConversations = { ...await read(bot), rssBeforeGcMb };
    await sleep(Math.max(0, lastTurn + ttl * 1000 + 1500 - performance.now()));
    await playOnce(bot.client, make());
    const afterExpiry = await read(bot);
    return {
      conversations: run.conversations, ttlSeconds: ttl, loadSeconds: Math.round(run.seconds * 10) / 10, errors: run.errors,
      start, afterConversations, afterExpiry,
      rssChangePercent: Math.round(((afterExpiry.rssMb - start.rssMb) / start.rssMb) * 1000) / 10,
    };
  } finally {
    await bot.stop();
  }
}
