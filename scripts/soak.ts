// `npm run soak`: holds many concurrent triage conversations against a real bot process for a while and checks
// that nothing fails, no conversation is mixed up with another (each ends in its own vignette's urgency), and
// memory stays flat. Loopback only. Flags: --conversations 200 --seconds 60 --think-ms 1000 --store memory|sqlite|redis
// `npm run soak` first runs `npm run build:bench`, which builds the bot (dist/src) and the probe it loads into it
// (dist/bench/probe.js); the simulated patients and the vignettes come from scripts/lib/dev-cases.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_ENTRY, startServer } from '../bench/servers.js';
import { loadVignettes, runVignette } from './lib/dev-cases.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const CONVERSATIONS = Number(arg('conversations', '200'));
const SECONDS = Number(arg('seconds', '60'));
const STORE = arg('store', 'sqlite');
// Each simulated patient answers after this long: still far quicker than people type, so 200 of them offer
// about 200 turns a second; with none they only measure how the server queues beyond its capacity.
const THINK_MS = Number(arg('think-ms', '1000'));

const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
// The real bot under plain node (startServer waits for /healthz); the per-conversation limit is lifted too,
// since simulated patients answer far faster than people type.
const bot = await startServer('bot', BOT_ENTRY, {
  env: { STORAGE: STORE, SQLITE_PATH: join(dataDir, 'soak.db'), RATE_LIMIT_PER_CONVERSATION: '1000000' },
  probe: true, // a full GC before each reading, so "flat" compares live memory, not when the GC last ran
});
const liveMemory = async (): Promise<{ rssMb: number; heapMb: number }> => {
  const r = await bot.probe({ cmd: 'memory', gc: true });
  if (!r.ok) throw new Error(r.error);
  return { rssMb: Math.round((r.rss ?? NaN) / 2 ** 20), heapMb: Math.round((r.heapUsed ?? NaN) / 2 ** 20) };
};
const url = bot.client.origin.origin;

const vignettes = loadVignettes();
const deadline = Date.now() + SECONDS * 1000;
let finished = 0; let mixedUp = 0; let errors = 0; let turns = 0;
const errorKinds: Record<string, number> = {};

async function patient(n: number): Promise<void> {
  for (let k = n; Date.now() < deadline; k += CONVERSATIONS) {
    const v = vignettes[k % vignettes.length]!;
    try {
      const r = await runVignette(url, v, THINK_MS);
      turns += r.turns;
      finished += 1;
      if (r.got !== v.expect) mixedUp += 1;
    } catch (err) {
      errors += 1;
      const kind = String((err as Error).cause ?? (err as Error).message).slice(0, 120);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
  }
}

const started = Date.now();
// Once every patient is under way (a third of the run), and again at the end: live memory should not grow.
let warm: { rssMb: number; heapMb: number } | undefined;
const warmTimer = setTimeout(() => { void liveMemory().then((m) => { warm = m; }); }, (SECONDS * 1000) / 3);
await Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => patient(n)));
clearTimeout(warmTimer);
const end = await liveMemory();
const elapsed = (Date.now() - started) / 1000;
await bot.stop();
rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  store: STORE, concurrent: CONVERSATIONS, thinkMs: THINK_MS, seconds: Math.round(elapsed), conversations: finished, turns,
  turnsPerSecond: Math.round(turns / elapsed), errors, errorKinds, mixedUp,
  afterFullGc: { atOneThird: warm, atEnd: end, heapGrowthPct: warm ? Math.round(((end.heapMb - warm.heapMb) / warm.heapMb) * 1000) / 10 : null },
}, null, 2));
process.exit(errors === 0 && mixedUp === 0 ? 0 : 1);
