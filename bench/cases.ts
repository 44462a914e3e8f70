// The load cases, each run against the bot and the echo baseline with the same patients, in A-B-B-A order
// (two halves each) so that a machine that slows down or speeds up during the run favours neither.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vignette } from '../test/cases/dev-cases.js';
import { LiveDialogue, ReplayDialogue, type Dialogue } from './dialogue.js';
import { closedLoop, figures, merge, openLoop, playOnce, type Run, type RunFigures } from './load.js';
import { topOfProfile, type ProfileEntry } from './profile.js';
import { BOT_ENTRY, ECHO_ENTRY, startServer, type ServerProcess } from './servers.js';
import { round } from './stats.js';

export interface CaseFigures { bot: RunFigures; echo: RunFigures; botOverEcho: number }

export interface LoadFigures {
  closed: CaseFigures & { concurrency: number };
  single: CaseFigures;
  open: CaseFigures & { offeredPerSecond: number; conversationsAtOnce: number };
  scriptProblems: string[];
  profile?: { file: string; top: ProfileEntry[] };
}

export interface LoadOptions { concurrency: number; seconds: number; rate: number; cpuProf: boolean }

type Runner = (server: ServerProcess, make: () => Dialogue, seconds: number) => Promise<Run>;

async function abba(bot: ServerProcess, echo: ServerProcess, makers: { bot: () => Dialogue; echo: () => Dialogue }, seconds: number, run: Runner): Promise<CaseFigures> {
  const half = seconds / 2;
  const b1 = await run(bot, makers.bot, half);
  const e1 = await run(echo, makers.echo, half);
  const e2 = await run(echo, makers.echo, half);
  const b2 = await run(bot, makers.bot, half);
  const b = figures(merge([b1, b2]));
  const e = figures(merge([e1, e2]));
  return { bot: b, echo: e, botOverEcho: round(b.turnsPerSecond / e.turnsPerSecond, 3) };
}

/** Each vignette played once by a live patient: what it typed becomes the echo baseline's script. */
async function recordScripts(bot: ServerProcess, vignettes: readonly Vignette[]): Promise<{ scripts: string[][]; problems: string[] }> {
  const scripts: string[][] = [];
  const problems: string[] = [];
  for (const v of vignettes) {
    const d = new LiveDialogue(v);
    const problem = await playOnce(bot.client, d);
    if (problem) problems.push(`${v.id}: ${problem}`);
    scripts.push(d.typed);
  }
  return { scripts, problems };
}

export async function loadCases(env: (name: string) => Record<string, string>, vignettes: readonly Vignette[], opts: LoadOptions): Promise<LoadFigures> {
  const profileDir = opts.cpuProf ? mkdtempSync(join(tmpdir(), 'second-look-profile-')) : undefined;
  const bot = await startServer('bot', BOT_ENTRY, { env: env('bot'), nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] });
  let echo: ServerProcess | undefined;
  let result: Omit<LoadFigures, 'profile'>;
  try {
    echo = await startServer('echo', ECHO_ENTRY, { env: env('echo') });
    const { scripts, problems } = await recordScripts(bot, vignettes);
    let b = 0;
    let e = 0;
    const makers = {
      bot: () => new LiveDialogue(vignettes[b++ % vignettes.length]!),
      echo: () => new ReplayDialogue(scripts[e++ % scripts.length]!),
    };
    const closed: Runner = (s, make, seconds) => closedLoop(s.client, make, { concurrency: opts.concurrency, seconds });
    await closed(bot, makers.bot, 2); // warm-up, not counted
    await closed(echo, makers.echo, 2);
    result = {
      closed: { concurrency: opts.concurrency, ...await abba(bot, echo, makers, opts.seconds, closed) },
      single: await abba(bot, echo, makers, opts.seconds, (s, make, seconds) => closedLoop(s.client, make, { concurrency: 1, seconds })),
      open: {
        offeredPerSecond: opts.rate,
        conversationsAtOnce: opts.concurrency,
        ...await abba(bot, echo, makers, opts.seconds, (s, make, seconds) => openLoop(s.client, make, opts.rate, seconds, opts.concurrency)),
      },
      scriptProblems: problems,
    };
  } finally {
    await echo?.stop();
    await bot.stop(); // the profile is written as the bot exits
  }
  if (!profileDir) return result;
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  return { ...result, profile: file ? { file: join(profileDir, file), top: topOfProfile(join(profileDir, file)) } : undefined };
}
