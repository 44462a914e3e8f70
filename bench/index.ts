// `npm run bench`: what a turn costs the bot, against an echo bot on the same server, adapter and store, and what
// the clinic page's built-in Direct Line costs (bytes kept per conversation, time for a reply to reach the page).
// Prints the figures and writes them to bench/results/<time>-<store>.json. See README "Benchmark".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVignettes, median } from '../scripts/lib/dev-cases.js';
import { authRefusals, printAuthRefusals } from './auth.js';
import { loadCases, type CaseFigures, type LoadFigures } from './cases.js';
import { directLineStored, printDirectLineStored } from './directline-stored.js';
import type { ProfileEntry } from './profile.js';
import { matcherCost } from './matcher.js';
import { memoryPhase } from './memory.js';
import { parseOptions, USAGE, type Phase } from './options.js';
import { pageLatency, printPageLatency } from './page-latency.js';
import { BOT_ENTRY, ECHO_ENTRY, startServer } from './servers.js';
import type { RunFigures } from './load.js';
import { storedBytes } from './stored.js';
import { setupStore } from './stores.js';
import { round } from './stats.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const STARTUP_RUNS = 3;
const STORED_ROUNDS = 5;
/** Requests timed per bad Authorization header and registration type in the auth phase. */
const AUTH_SAMPLES = 5;
/** Typed answers timed per transport in the page-latency phase. */
const PAGE_SAMPLES = 20;

function machine() {
  const cpu = cpus();
  return {
    cores: cpu.length, cpu: cpu[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`,
    memoryGb: round(totalmem() / 1024 ** 3, 1), loadAverageAtStart: loadavg().map((l) => round(l, 2)),
  };
}

const line = (label: string, f: RunFigures): string => {
  const l = f.latencyMs;
  return `  ${label.padEnd(5)} ${String(f.turnsPerSecond).padStart(8)} turns/s  p50 ${l.p50} ms  p95 ${l.p95} ms  p99 ${l.p99} ms  max ${l.max} ms`
    + `  errors ${f.errors}${f.errors ? ` ${JSON.stringify(f.errorKinds)}` : ''}  (${f.conversations} conversations)`;
};
const printCase = (title: string, c: CaseFigures): void => {
  console.log(`${title}\n${line('bot', c.bot)}\n${line('echo', c.echo)}\n  bot/echo throughput ${(c.botOverEcho * 100).toFixed(1)}%`);
};

function printProfiles(p: NonNullable<LoadFigures['profile']>): void {
  console.log(`CPU per turn in the closed-loop case: bot ${p.bot.usPerTurn} µs, echo ${p.echo.usPerTurn} µs (profiles ${p.bot.file}, ${p.echo.file})`);
  const table = (title: string, rows: ProfileEntry[]) => {
    console.log(title);
    for (const e of rows) console.log(`  ${String(e.usPerTurn).padStart(6)} µs/turn ${String(e.selfPercent).padStart(5)}%  ${e.name}`);
  };
  table('  bot, self time by package (our code by file):', p.bot.areas);
  table('  bot, top functions by self time:', p.bot.functions);
  table('  echo, self time by package:', p.echo.areas.slice(0, 8));
}

async function phase<T>(name: Phase, only: ReadonlySet<Phase>, results: Record<string, unknown>, run: () => Promise<T>, print: (r: T) => void): Promise<void> {
  if (!only.has(name)) return;
  try {
    const r = await run();
    results[name] = r;
    print(r);
  } catch (err) {
    results[name] = { error: (err as Error).message };
    console.log(`${name}: FAILED ${(err as Error).message}`);
  }
}

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const m = machine();
  console.log(`Second Look benchmark: store ${opts.store}, ${m.cores} cores (${m.cpu}), Node ${m.node}, load average ${m.loadAverageAtStart.join(' ')}`);
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), store: opts.store, machine: m, options: { ...opts, only: [...opts.only] } };
  const dir = mkdtempSync(join(tmpdir(), 'second-look-bench-'));
  const store = await setupStore(opts.store, dir);
  if ('skipped' in store) {
    console.log(`store ${opts.store}: skipping (${store.skipped})`);
    results.skipped = store.skipped;
  } else {
    const vignettes = loadVignettes();
    try {
      await phase('matcher', opts.only, results, async () => matcherCost(), (r) => {
        console.log(`intent matcher over ${r.phrases} dev-case phrases: analyse median ${r.analyse.medianUs} µs (slowest ${r.analyse.slowestUs} µs, ${r.analyse.slowestId});`
          + ` interpret median ${r.interpret.medianUs} µs (slowest ${r.interpret.slowestUs} µs, ${r.interpret.slowestId})`);
      });
      await phase('auth', opts.only, results, () => authRefusals(store.env, AUTH_SAMPLES), printAuthRefusals);
      await phase('startup', opts.only, results, async () => {
        // Bot and echo in turns, so both meet the same machine load; the echo is the floor for starting a server.
        const runs = { bot: [] as number[], echo: [] as number[] };
        for (let i = 0; i < STARTUP_RUNS; i++) {
          for (const [name, entry] of [['bot', BOT_ENTRY], ['echo', ECHO_ENTRY]] as const) {
            const s = await startServer(name, entry, { env: store.env(`startup-${name}-${i}`) });
            runs[name].push(round(s.readyMs, 0));
            await s.stop();
          }
        }
        const ratio = round(median(runs.bot) / median(runs.echo), 2);
        return { readyMs: { median: median(runs.bot), runs: runs.bot }, echoReadyMs: { median: median(runs.echo), runs: runs.echo }, ratio };
      }, (r) => console.log(`ready: first answered /healthz ${r.readyMs.median} ms after spawn (runs ${r.readyMs.runs.join(', ')} ms);`
        + ` echo ${r.echoReadyMs.median} ms (runs ${r.echoReadyMs.runs.join(', ')} ms): ${r.ratio}× the echo's`));
      await phase('stored', opts.only, results, () => storedBytes(store.env('stored'), vignettes, STORED_ROUNDS), (r) => {
        console.log(`stored per finished conversation: median ${r.jsonBytes.median} B, max ${r.jsonBytes.max} B of JSON over ${r.conversations} conversations`
          + `${r.fileBytesPerConversation !== undefined ? `; SQLite file ${r.fileBytesPerConversation} B per conversation` : ''}`
          + `${r.problems.length ? `; problems: ${r.problems.join('; ')}` : ''}`);
      });
      await phase('directline-stored', opts.only, results,
        () => directLineStored(store.kind, store.env('directline-stored'), vignettes, STORED_ROUNDS), printDirectLineStored);
      await phase('page-latency', opts.only, results, () => pageLatency(store.env, PAGE_SAMPLES), (r) => printPageLatency(r, store.kind));
      await phase('load', opts.only, results, () => loadCases(store.env, vignettes, opts), (r) => {
        if (r.scriptProblems.length) console.log(`conversations that went wrong while recording: ${r.scriptProblems.join('; ')}`);
        printCase(`closed loop, ${r.closed.concurrency} patients at once, ${opts.seconds} s each:`, r.closed);
        printCase(`one patient at a time, ${opts.seconds} s each:`, r.single);
        printCase(`open loop, ${r.open.offeredPerSecond} turns/s offered over ${r.open.conversationsAtOnce} conversations, ${opts.seconds} s each:`, r.open);
        if (r.profile) printProfiles(r.profile);
      });
      await phase('memory', opts.only, results, () => memoryPhase(store.env('memory'), vignettes, opts.conversations, opts.ttl, opts.concurrency), (r) => {
        const at = (x: { rssMb: number; heapUsedMb: number }) => `RSS ${x.rssMb} MB (heap ${x.heapUsedMb} MB)`;
        console.log(`memory (after a full GC): ${at(r.start)} at rest; ${at(r.afterConversations)} after ${r.conversations} conversations`
          + ` (${r.loadSeconds} s, ${r.errors} errors; RSS ${r.afterConversations.rssBeforeGcMb} MB before the GC);`
          + ` ${at(r.afterExpiry)} after they expired (TTL ${r.ttlSeconds} s): RSS ${r.rssChangePercent >= 0 ? '+' : ''}${r.rssChangePercent}% of the start`);
      });
    } finally {
      await store.close();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  results.finishedAt = new Date().toISOString();
  results.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
  const file = join(RESULTS_DIR, `${(results.startedAt as string).replace(/[:.]/g, '-')}-${opts.store}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`figures written to ${file}`);
}

await main();
