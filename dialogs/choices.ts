// Which buttons a question offers, and how a typed or clicked answer maps back to one. No channel logic here.
import type { FindingId } from '../src/knowledge/ids.js';
import type { Knowledge } from '../src/knowledge/load.js';
import type { Question } from '../src/knowledge/schemas.js';

export interface Choice { title: string; value: string; finding?: FindingId }
export type AskMode = 'ask' | 'which';

const YES_NO: Choice[] = [
  { title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }, { title: 'Not sure', value: 'not sure' },
];
const NONE_YES: Choice[] = [
  { title: 'None of these', value: 'no, none of these' }, { title: 'Yes, some apply', value: 'yes' }, { title: 'Not sure', value: 'not sure' },
];

export function choicesFor(question: Question, mode: AskMode, knowledge: Pick<Knowledge, 'findings'>): Choice[] {
  if (mode === 'which') {
    if (question.choices) return question.choices;
    const labels = question.asks.map((id) => ({ title: knowledge.findings.get(id)?.label ?? id, value: knowledge.findings.get(id)?.label ?? id, finding: id }));
    return [...labels, { title: 'Not sure', value: 'not sure' }];
  }
  if (question.kind !== 'yesno') return question.choices ?? [];
  return question.asks.length > 1 ? NONE_YES : YES_NO;
}

/** A clicked button (its value), its title typed out, or its number typed on a channel with a numbered list. */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '');
  const n = /^\(?(\d{1,2})\)?$/.exec(t);
  if (n) return choices[Number(n[1]) - 1];
  return choices.find((c) => c.value.toLowerCase() === t || c.title.toLowerCase() === t);
}
