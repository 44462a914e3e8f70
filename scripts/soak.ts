// `npm run soak`: holds many concurrent triage conversations against a real bot process for a while and checks
// that nothing fails, no conversation is mixed up with another (each ends in its own vignette's urgency), and
// memory stays flat. Loopback only. Flags: --conversations 200 --seconds 60 --store memory|sqlite
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadVignettes, runVignette } from '../test/cases/dev-cases.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const CONVERSATIONS = Number(arg('conversations', '200'));
const SECONDS = Number(arg('seconds', '60'));
const STORE = arg('store', 'sqlite');

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});
const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'soak-'));
const bot = spawn(process.execPath, ['dist/src/index.js'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STORAGE: STORE, SQLITE_PATH: join(dataDir, 'soak.db'), LOG_LEVEL: 'warn', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i += 1) {
  try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}

const vignettes = loadVignettes();
const deadline = Date.now() + SECONDS * 1000;
let finished = 0; let mixedUp = 0; let errors = 0; let turns = 0;
const samples: number[] = [];
const sampler = setInterval(() => samples.push(rssMb(bot.pid!)), 1000);

async function patient(n: number): Promise<void> {
  for (let k = n; Date.now() < deadline; k += CONVERSATIONS) {
    const v = vignettes[k % vignettes.length]!;
    try {
      const r = await runVignette(url, v);
      turns += r.turns;
      finished += 1;
      if (r.got !== v.expect) mixedUp += 1;
    } catch {
      errors += 1;
    }
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => patient(n)));
clearInterval(sampler);
const elapsed = (Date.now() - started) / 1000;
bot.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const third = Math.max(1, Math.floor(samples.length / 3));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const early = avg(samples.slice(0, third));
const late = avg(samples.slice(-third));
console.log(JSON.stringify({
  store: STORE, concurrent: CONVERSATIONS, seconds: Math.round(elapsed), conversations: finished, turns,
  turnsPerSecond: Math.round(turns / elapsed), errors, mixedUp,
  rssMb: { first: Math.round(samples[0] ?? NaN), earlyAvg: Math.round(early), lateAvg: Math.round(late), max: Math.round(Math.max(...samples)) },
  memoryGrowthPct: Math.round(((late - early) / early) * 1000) / 10,
}, null, 2));
process.exit(errors === 0 && mixedUp === 0 ? 0 : 1);
