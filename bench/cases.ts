// The load cases, each run against the bot and the echo baseline with the same patients, in A-B-B-A order
// (two halves each) so that a machine that slows down or speeds up during the run favours neither.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vignette } from '../scripts/lib/dev-cases.js';
import { LiveDialogue, ReplayDialogue, type Dialogue } from './dialogue.js';
import { closedLoop, figures, merge, openLoop, playOnce, type Run, type RunFigures } from './load.js';
import { summariseProfile, type ProfileSummary } from './profile.js';
import { BOT_ENTRY, ECHO_ENTRY, startServer, type ServerProcess } from './servers.js';
import { round } from './stats.js';

export interface CaseFigures { bot: RunFigures; echo: RunFigures; botOverEcho: number }

export interface LoadFigures {
  closed: CaseFigures & { concurrency: number };
  single: CaseFigures;
  open: CaseFigures & { offeredPerSecond: number; conversationsAtOnce: number };
  scriptProblems: string[];
  /** CPU profiles of the closed-loop case and its warm-up (--cpu-prof): where each server's time went, per turn. */
  profile?: { bot: ProfileSummary & { file: string }; echo: ProfileSummary & { file: string } };
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

function profiled(file: string, turns: number): ProfileSummary & { file: string } {
  return { file, ...summariseProfile(file, turns) };
}

export async function loadCases(env: (name: string) => Record<string, string>, vignettes: readonly Vignette[], opts: LoadOptions): Promise<LoadFigures> {
  const dir = opts.cpuProf ? mkdtempSync(join(tmpdir(), 'second-look-profile-')) : undefined;
  const profileOf = (name: string) => (dir ? join(dir, `${name}.cpuprofile`) : undefined);
  const bot = await startServer('bot', BOT_ENTRY, { env: env('bot'), probe: opts.cpuProf });
  let echo: ServerProcess | undefined;
  try {
    echo = await startServer('echo', ECHO_ENTRY, { env: env('echo'), probe: opts.cpuProf });
    const { scripts, problems } = await recordScripts(bot, vignettes);
    let b = 0;
    let e = 0;
    const makers = {
      bot: () => new LiveDialogue(vignettes[b++ % vignettes.length]!),
      echo: () => new ReplayDialogue(scripts[e++ % scripts.length]!),
    };
    const closed: Runner = (s, make, seconds) => closedLoop(s.client, make, { concurrency: opts.concurrency, seconds });
    // The profiler starts before the warm-up, so its own start-up stall is not in the measured case.
    for (const s of dir ? [bot, echo] : []) await s.probe({ cmd: 'profile-start' });
    const warm = { bot: await closed(bot, makers.bot, 2), echo: await closed(echo, makers.echo, 2) }; // not counted
    const closedCase = await abba(bot, echo, makers, opts.seconds, closed);
    if (dir) {
      await bot.probe({ cmd: 'profile-stop', file: profileOf('bot')! });
      await echo.probe({ cmd: 'profile-stop', file: profileOf('echo')! });
    }
    const result: LoadFigures = {
      closed: { concurrency: opts.concurrency, ...closedCase },
      single: await abba(bot, echo, makers, opts.seconds, (s, make, seconds) => closedLoop(s.client, make, { concurrency: 1, seconds })),
      open: {
        offeredPerSecond: opts.rate,
        conversationsAtOnce: opts.concurrency,
        ...await abba(bot, echo, makers, opts.seconds, (s, make, seconds) => openLoop(s.client, make, opts.rate, seconds, opts.concurrency)),
      },
      scriptProblems: problems,
    };
    if (dir) {
      result.profile = {
        bot: profiled(profileOf('bot')!, warm.bot.turns + closedCase.bot.latencyMs.n),
        echo: profiled(profileOf('echo')!, warm.echo.turns + closedCase.echo.latencyMs.n),
      };
    }
    return result;
  } finally {
    await echo?.stop();
    await bot.stop();
  }
}
