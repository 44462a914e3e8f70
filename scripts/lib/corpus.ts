// The project's own blind corpus (test/corpus/README.md), whose data lives in test/corpus/{tune,sealed}: loading,
// and scoring through the matcher alone (`npm run corpus`, the corpus suite). Scoring over HTTP (whole
// conversations) is test/corpus/over-http.ts, on the dev cases' runner (dev-cases.ts here).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knowledge } from '../../src/knowledge/load.js';
import type { Matcher } from '../../src/nlu/index.js';
import type { Phrase, Vignette } from './dev-cases.js';

export type Part = 'tune' | 'sealed';

export interface CorpusMessage extends Phrase {
  class: string;
  qualifiers: { negation: string; experiencer: string; temporality: string; figurative: boolean };
  register: string;
}
export interface CorpusAnswer {
  id: string; question: string; text: string; category: string;
  expect: { answer?: 'yes' | 'no' | 'unsure' | 'none'; finding?: string; weeks?: number; adherence?: string; progress?: string };
}
export interface CorpusVignette extends Vignette { traps?: string }

const DIR = fileURLToPath(new URL('../../test/corpus/', import.meta.url));

function load<T>(part: Part, kind: 'messages' | 'answers' | 'vignettes'): T[] {
  const dir = join(DIR, part);
  return readdirSync(dir).filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.json')).sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T[]);
}
export const messages = (part: Part): CorpusMessage[] => load<CorpusMessage>(part, 'messages');
export const answers = (part: Part): CorpusAnswer[] => load<CorpusAnswer>(part, 'answers');
export const vignettes = (part: Part): CorpusVignette[] => load<CorpusVignette>(part, 'vignettes');

export interface Scored<T> { item: T; ok: boolean; got: string }

/**
 * One message read alone: an emergency is caught when an emergency finding is present (the emergency
 * assessment that turn) or suspected (the direct question that turn); urgent when an urgent or higher finding
 * is present; none when nothing urgent or higher is present.
 */
export function scoreMessage(m: CorpusMessage, matcher: Matcher, k: Pick<Knowledge, 'findings'>): Scored<CorpusMessage> {
  const a = matcher.analyse(m.text);
  const level = (id: string) => k.findings.get(id as never)?.urgency;
  const present = a.findings.filter((f) => f.status === 'present').map((f) => f.id);
  const suspected = a.findings.filter((f) => f.status === 'suspected').map((f) => f.id);
  const got = a.findings.map((f) => `${f.id}:${f.status}`).join(' ') || '-';
  const emergency = present.some((id) => level(id) === 'emergency');
  const urgentPlus = present.some((id) => level(id) === 'urgent' || level(id) === 'emergency');
  switch (m.expect) {
    case 'emergency': return { item: m, ok: emergency || suspected.length > 0, got };
    case 'urgent': return { item: m, ok: urgentPlus || suspected.length > 0, got };
    default: return { item: m, ok: !urgentPlus, got };
  }
}

/** One answer read as the answer to its question. */
export function scoreAnswer(x: CorpusAnswer, matcher: Matcher, k: Pick<Knowledge, 'questions'>): Scored<CorpusAnswer> {
  const q = k.questions.find((qq) => qq.id === x.question);
  if (!q) return { item: x, ok: false, got: `no question ${x.question}` };
  const u = matcher.interpret(q, x.text, false);
  const got = `${u.outcome} ${JSON.stringify(u.findings)}${u.ptWeeks !== undefined ? ` weeks ${u.ptWeeks}` : ''}${u.adherence ? ` adherence ${u.adherence}` : ''}${u.progress ? ` progress ${u.progress}` : ''}`;
  const e = x.expect;
  const asked = (status: string) => q.asks.filter((id) => u.findings[id] === status);
  let ok: boolean;
  if (e.weeks !== undefined) ok = u.ptWeeks !== undefined && Math.abs(u.ptWeeks - e.weeks) <= Math.max(1, e.weeks * 0.2);
  else if (e.adherence) ok = u.adherence === e.adherence;
  else if (e.progress) ok = u.progress === e.progress;
  else if (e.answer === 'yes') ok = e.finding ? u.findings[e.finding as never] === 'present' || (u.outcome === 'which' && q.asks.length > 1) : asked('present').length > 0;
  else if (e.answer === 'no') ok = u.outcome === 'answered' && asked('present').length === 0 && asked('uncertain').length === 0;
  else if (e.answer === 'unsure') ok = (u.outcome === 'unsure' || u.outcome === 'unclear' || u.outcome === 'question') && asked('present').length === 0 && asked('absent').length === 0;
  else ok = (u.outcome === 'question' || u.outcome === 'unclear' || u.outcome === 'unsure') && asked('present').length === 0 && asked('absent').length === 0;
  return { item: x, ok, got };
}
