// `npm run store:cost`: what each store costs a turn. For memory, SQLite and Redis: median and p99 turn
// latency with 20 conversations at once over HTTP against a real bot process, and the bytes stored per
// finished conversation. Loopback only; Redis is a private redis-server. Flags: --conversations 20 --rounds 3
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { Storage } from 'botbuilder';
import { summarise, round } from '../bench/stats.js';
import { createBot } from '../src/bot/create-bot.js';
import { startTestServer } from '../test/support/server.js';
import { startBotProcess } from '../test/storage/bot-process.js';
import { startRedis, type RedisProcess } from '../test/storage/redis-server.js';
import { walk } from '../test/storage/scenario.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONVERSATIONS = arg('conversations', 20);
const ROUNDS = arg('rounds', 3);
const KINDS = ['memory', 'sqlite', 'redis'] as const;
// Load from one address: the per-address rate limit would otherwise be what is measured.
const UNLIMITED = { RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000', LOG_LEVEL: 'info' };

/** Turn latency: CONVERSATIONS patients at once, each playing ROUNDS whole conversations. */
async function latency(env: Record<string, string>): Promise<{ turns: number; p50: number; p99: number }> {
  const bot = await startBotProcess({ ...env, ...UNLIMITED });
  try {
    await walk(() => bot.url); // warm-up: the first turns load lazily-built parts
    const times: number[] = [];
    await Promise.all(Array.from({ length: CONVERSATIONS }, async () => {
      for (let r = 0; r < ROUNDS; r += 1) await walk(() => bot.url, undefined, (ms) => times.push(ms));
    }));
    const s = summarise(times);
    return { turns: s.n, p50: round(s.p50, 1), p99: round(s.p99, 1) };
  } finally {
    await bot.kill('SIGTERM');
  }
}

/** Bytes stored per finished conversation: key, JSON and eTag as read back through the Storage contract. */
async function storedBytes(env: Record<string, string>): Promise<number> {
  let store!: Storage;
  const app = await startTestServer({ ...env, ...UNLIMITED }, { createBot: (deps) => { store = deps.storage; return createBot(deps); } });
  try {
    const sizes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { conversationId } = await walk(() => app.url);
      const key = `emulator/conversations/${conversationId}/`;
      const item = (await store.read([key]))[key];
      sizes.push(key.length + Buffer.byteLength(JSON.stringify(item ?? {})));
    }
    return Math.max(...sizes);
  } finally {
    await app.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'second-look-store-cost-'));
let redis: RedisProcess | undefined;
try {
  redis = await startRedis();
  console.log(`store cost: ${CONVERSATIONS} concurrent conversations x ${ROUNDS} rounds, load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const kind of KINDS) {
    const env: Record<string, string> = { STORAGE: kind, SQLITE_PATH: join(dir, `${kind}.db`), REDIS_URL: redis.url };
    const l = await latency(env);
    const bytes = await storedBytes({ ...env, SQLITE_PATH: join(dir, `${kind}-bytes.db`) });
    const file = kind === 'sqlite' ? `, SQLite file ${round(statSync(env.SQLITE_PATH!).size / 1024, 1)} KB after the run` : '';
    console.log(`${kind.padEnd(6)} ${String(l.turns).padStart(5)} turns  median ${l.p50} ms  p99 ${l.p99} ms  stored ${bytes} bytes per conversation${bytes < 4096 ? ' (under 4 KB)' : ' (OVER 4 KB)'}${file}`);
  }
} finally {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
}
