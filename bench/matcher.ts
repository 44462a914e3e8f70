// The intent matcher's own cost, in-process: analyse() (what every message gets) and interpret() (what an
// answer to a pending question gets), per dev-case phrase, in steady state (warmed up, caches filled).
import { loadPhrases, median } from '../test/cases/dev-cases.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createMatcher } from '../src/nlu/index.js';
import { round } from './stats.js';

export interface MatcherFigures {
  phrases: number;
  analyse: { medianUs: number; slowestUs: number; slowestId: string };
  interpret: { medianUs: number; slowestUs: number; slowestId: string };
}

const REPEATS = 200;

/** Mean µs of one call of `fn`, over REPEATS calls. */
function timeUs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < REPEATS; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1000 / REPEATS;
}

function summary(times: { id: string; us: number }[]): MatcherFigures['analyse'] {
  const slowest = times.reduce((a, b) => (b.us > a.us ? b : a));
  return { medianUs: round(median(times.map((t) => t.us)), 1), slowestUs: round(slowest.us, 1), slowestId: slowest.id };
}

export function matcherCost(): MatcherFigures {
  const knowledge = loadKnowledge();
  const matcher = createMatcher({ lexicon: knowledge.lexicon, glossary: knowledge.glossary });
  const phrases = loadPhrases();
  const questionFor = (finding: string | null) =>
    knowledge.questions.find((q) => finding !== null && (q.asks as readonly string[]).includes(finding)) ?? knowledge.questions[0]!;
  const cases = phrases.map((p) => ({ id: p.id, text: p.text, question: questionFor(p.finding) }));
  for (let i = 0; i < 20; i++) for (const c of cases) matcher.interpret(c.question, c.text, false); // JIT and caches
  return {
    phrases: cases.length,
    analyse: summary(cases.map((c) => ({ id: c.id, us: timeUs(() => matcher.analyse(c.text)) }))),
    interpret: summary(cases.map((c) => ({ id: c.id, us: timeUs(() => matcher.interpret(c.question, c.text, false)) }))),
  };
}
