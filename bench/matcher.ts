// The intent matcher's own cost, in-process: analyse() (what every message gets) and interpret() (an answer to
// the pending question, read from scratch), per dev-case phrase, in steady state (warmed up, caches filled).
import { loadPhrases, median } from '../scripts/lib/dev-cases.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { matcherFor } from '../src/understanding.js';
import { round } from './stats.js';

export interface MatcherFigures {
  phrases: number;
  analyse: { medianUs: number; slowestUs: number; slowestId: string };
  interpret: { medianUs: number; slowestUs: number; slowestId: string };
}

const REPEATS = 200;

/**
 * Mean µs of one call per case. Calls go round the cases, so each call reads a text other than the last one:
 * the matcher reuses its last reading of a text for a moment (one turn reads its text several times).
 */
function timeEach<C>(cases: readonly C[], fn: (c: C) => unknown): number[] {
  const totals = cases.map(() => 0n);
  for (let r = 0; r < REPEATS; r++) {
    cases.forEach((c, i) => {
      const t0 = process.hrtime.bigint();
      fn(c);
      totals[i]! += process.hrtime.bigint() - t0;
    });
  }
  return totals.map((t) => Number(t) / 1000 / REPEATS);
}

function summary(times: { id: string; us: number }[]): MatcherFigures['analyse'] {
  const slowest = times.reduce((a, b) => (b.us > a.us ? b : a));
  return { medianUs: round(median(times.map((t) => t.us)), 1), slowestUs: round(slowest.us, 1), slowestId: slowest.id };
}

export function matcherCost(): MatcherFigures {
  const knowledge = loadKnowledge();
  const matcher = matcherFor(knowledge);
  const phrases = loadPhrases();
  const questionFor = (finding: string | null) =>
    knowledge.questions.find((q) => finding !== null && (q.asks as readonly string[]).includes(finding)) ?? knowledge.questions[0]!;
  const cases = phrases.map((p) => ({ id: p.id, text: p.text, question: questionFor(p.finding) }));
  for (let i = 0; i < 20; i++) for (const c of cases) matcher.interpret(c.question, c.text, false); // JIT and caches
  const analyse = timeEach(cases, (c) => matcher.analyse(c.text));
  const interpret = timeEach(cases, (c) => matcher.interpret(c.question, c.text, false));
  return {
    phrases: cases.length,
    analyse: summary(cases.map((c, i) => ({ id: c.id, us: analyse[i]! }))),
    interpret: summary(cases.map((c, i) => ({ id: c.id, us: interpret[i]! }))),
  };
}
