// The load: closed loop (N patients, each waiting for its reply before typing the next message) and open loop
// (turns arrive at a fixed rate whether or not earlier ones were answered). Latency is per HTTP turn.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity } from '../scripts/lib/bot-client.js';
import type { Dialogue } from './dialogue.js';
import type { HttpClient } from './http-client.js';
import { round, summarise, type LatencySummary } from './stats.js';

export interface Run {
  turns: number;
  conversations: number;
  errors: number;
  errorKinds: Record<string, number>;
  seconds: number;
  latencies: number[];
}

export interface RunFigures {
  turnsPerSecond: number;
  conversations: number;
  errors: number;
  errorKinds: Record<string, number>;
  seconds: number;
  latencyMs: LatencySummary;
}

const newRun = (): Run => ({ turns: 0, conversations: 0, errors: 0, errorKinds: {}, seconds: 0, latencies: [] });

function fail(run: Run, problem: string): void {
  run.errors += 1;
  run.errorKinds[problem] = (run.errorKinds[problem] ?? 0) + 1;
}

/** Sends one activity and lets the dialogue read the replies: a problem in a few words, or undefined. */
export async function turn(client: HttpClient, dialogue: Dialogue): Promise<string | undefined> {
  let res;
  try {
    res = await client.request('POST', '/api/messages', dialogue.next());
  } catch (err) {
    return (err as Error).message;
  }
  if (res.status !== 200) return `HTTP ${res.status}`;
  let activities: unknown;
  try {
    activities = (JSON.parse(res.body) as { activities?: unknown }).activities;
  } catch {
    return 'reply is not JSON';
  }
  if (!Array.isArray(activities)) return 'no activities in the reply';
  return dialogue.read(activities as Activity[]);
}

/** Plays one conversation to its end; the first problem, or undefined. */
export async function playOnce(client: HttpClient, dialogue: Dialogue): Promise<string | undefined> {
  while (!dialogue.finished) {
    const problem = await turn(client, dialogue);
    if (problem) return problem;
  }
  return undefined;
}

export interface ClosedLoopOptions {
  concurrency: number;
  /** Stop starting turns after this long, or ... */
  seconds?: number;
  /** ... after this many conversations were started (each is then played to its end). */
  conversations?: number;
}

/** N patients, each holding one conversation at a time and starting a new one when it ends. */
export async function closedLoop(client: HttpClient, make: () => Dialogue, opts: ClosedLoopOptions): Promise<Run> {
  const run = newRun();
  const t0 = performance.now();
  const end = opts.seconds === undefined ? Infinity : t0 + opts.seconds * 1000;
  let started = 0;
  const more = () => performance.now() < end && (opts.conversations === undefined || started < opts.conversations);

  const patient = async (): Promise<void> => {
    while (more()) {
      started += 1;
      const dialogue = make();
      while (!dialogue.finished && performance.now() < end) {
        const sent = performance.now();
        const problem = await turn(client, dialogue);
        if (problem) { fail(run, problem); break; }
        run.latencies.push(performance.now() - sent);
        run.turns += 1;
      }
      if (dialogue.finished) run.conversations += 1;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, patient));
  run.seconds = (performance.now() - t0) / 1000;
  return run;
}

/**
 * Turns arrive every 1/rate seconds, each from the conversation that has waited longest for its next turn
 * (up to `pool` conversations at once; more only when all of them are waiting for a reply). Latency counts
 * from the scheduled arrival, so a late send is not hidden (no coordinated omission).
 */
export async function openLoop(client: HttpClient, make: () => Dialogue, rate: number, seconds: number, pool: number): Promise<Run> {
  const run = newRun();
  const idle: Dialogue[] = [];
  const inFlight = new Set<Promise<void>>();
  let live = 0;
  const t0 = performance.now();
  const arrivals = Math.round(rate * seconds);

  const arrive = (scheduled: number): void => {
    let dialogue = live < pool ? undefined : idle.shift();
    if (!dialogue) { dialogue = make(); live += 1; }
    const d = dialogue;
    const p = turn(client, d).then((problem) => {
      if (problem) { fail(run, problem); live -= 1; return; }
      run.latencies.push(performance.now() - scheduled);
      run.turns += 1;
      if (d.finished) { run.conversations += 1; live -= 1; } else idle.push(d);
    }).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  for (let i = 0; i < arrivals; i++) {
    const at = t0 + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    arrive(at);
  }
  await Promise.all(inFlight);
  run.seconds = (performance.now() - t0) / 1000;
  return run;
}

/** Runs of the same case (e.g. halves of an A-B-B-A order) as one. */
export function merge(runs: readonly Run[]): Run {
  const out = newRun();
  for (const r of runs) {
    out.turns += r.turns;
    out.conversations += r.conversations;
    out.errors += r.errors;
    out.seconds += r.seconds;
    for (const [k, v] of Object.entries(r.errorKinds)) out.errorKinds[k] = (out.errorKinds[k] ?? 0) + v;
    for (const l of r.latencies) out.latencies.push(l);
  }
  return out;
}

export function figures(run: Run): RunFigures {
  const s = summarise(run.latencies);
  const latencyMs = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, 2)])) as unknown as LatencySummary;
  return {
    turnsPerSecond: round(run.turns / run.seconds, 1),
    conversations: run.conversations,
    errors: run.errors,
    errorKinds: run.errorKinds,
    seconds: round(run.seconds, 1),
    latencyMs,
  };
}
