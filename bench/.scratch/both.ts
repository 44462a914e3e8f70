// scratch: profile bot and echo under the same closed loop; per-turn CPU by package
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadVignettes } from '../../test/cases/dev-cases.js';
import { LiveDialogue, ReplayDialogue } from '../dialogue.js';
import { closedLoop, figures, playOnce } from '../load.js';
import { BOT_ENTRY, ECHO_ENTRY, startServer } from '../servers.js';
const secs = Number(process.argv[2] ?? 5); const conc = Number(process.argv[3] ?? 20);
const vig = loadVignettes();
const dirB = mkdtempSync(join(tmpdir(), 'prof-bot-')); const dirE = mkdtempSync(join(tmpdir(), 'prof-echo-'));
const env = { STORAGE: process.env.BSTORE ?? 'memory', SQLITE_PATH: join(dirB, 'x.db') };
const bot = await startServer('bot', BOT_ENTRY, { env, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dirB] });
const echo = await startServer('echo', ECHO_ENTRY, { env: { ...env, SQLITE_PATH: join(dirE, 'x.db') }, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dirE] });
const scripts: string[][] = [];
for (const v of vig) { const d = new LiveDialogue(v); await playOnce(bot.client, d); scripts.push(d.typed); }
let b = 0, e = 0;
const rb = await closedLoop(bot.client, () => new LiveDialogue(vig[b++ % vig.length]!), { concurrency: conc, seconds: secs });
const re = await closedLoop(echo.client, () => new ReplayDialogue(scripts[e++ % scripts.length]!), { concurrency: conc, seconds: secs });
console.log('bot', JSON.stringify(figures(rb)).slice(0, 200)); console.log('echo', JSON.stringify(figures(re)).slice(0, 200));
await bot.stop(); await echo.stop();
console.log('turns bot', rb.turns + 150, 'echo', re.turns + 150);
for (const d of [dirB, dirE]) { const f = join(d, readdirSync(d).find((x) => x.endsWith('.cpuprofile'))!); console.log(f); }
