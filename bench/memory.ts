// RSS of a fresh bot process: at rest, after many whole conversations, and after they have expired.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Vignette } from '../test/cases/dev-cases.js';
import { LiveDialogue } from './dialogue.js';
import { closedLoop, playOnce } from './load.js';
import { BOT_ENTRY, startServer } from './servers.js';

export interface MemoryFigures {
  conversations: number;
  ttlSeconds: number;
  loadSeconds: number;
  errors: number;
  rssMb: { start: number; afterConversations: number; afterExpiry: number };
  /** afterExpiry relative to start: the target is at most +10%. */
  backWithinPercent: number;
}

const mb = (bytes: number | null): number => (bytes === null ? NaN : Math.round((bytes / 1024 / 1024) * 10) / 10);

/**
 * The stores drop expired conversations on later writes or a timer, so after the TTL one more conversation
 * is played (a live bot keeps getting turns) before RSS is read again.
 */
export async function memoryPhase(env: Record<string, string>, vignettes: readonly Vignette[], conversations: number, ttl: number, concurrency: number): Promise<MemoryFigures> {
  const bot = await startServer('bot (memory run)', BOT_ENTRY, { env: { ...env, CONVERSATION_TTL: String(ttl) } });
  let i = 0;
  const make = () => new LiveDialogue(vignettes[i++ % vignettes.length]!);
  try {
    for (const v of vignettes) await playOnce(bot.client, new LiveDialogue(v)); // warm: code loaded, JIT done
    await sleep(1000);
    const start = bot.rss();
    const run = await closedLoop(bot.client, make, { concurrency, conversations });
    const afterConversations = bot.rss();
    const lastTurn = performance.now();
    await sleep(Math.max(0, lastTurn + ttl * 1000 + 1500 - performance.now()));
    await playOnce(bot.client, make());
    await sleep(2000);
    const afterExpiry = bot.rss();
    return {
      conversations: run.conversations,
      ttlSeconds: ttl,
      loadSeconds: Math.round(run.seconds * 10) / 10,
      errors: run.errors,
      rssMb: { start: mb(start), afterConversations: mb(afterConversations), afterExpiry: mb(afterExpiry) },
      backWithinPercent: start && afterExpiry ? Math.round(((afterExpiry - start) / start) * 1000) / 10 : NaN,
    };
  } finally {
    await bot.stop();
  }
}
