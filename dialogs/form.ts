// The interview as a form (like a Rasa form): questions in content order, stage by stage, each skipped when what
// it asks is already known; and the buttons a question offers. Pure: content in, questions out.
import type { Knowledge } from '../src/knowledge/load.js';
import type { Question } from '../src/knowledge/schemas.js';
import type { FindingId } from '../src/knowledge/ids.js';
import type { Answers } from '../src/triage/answers.js';
import type { Asking, Interview } from './state.js';

export interface Choice { title: string; value: string; finding?: FindingId }

type FormKnowledge = Pick<Knowledge, 'questions' | 'stages' | 'findings'>;

/** Every question in the order the interview asks them (computed per call: content is small). */
export function formOrder(k: FormKnowledge): Question[] {
  const placed = new Set<string>();
  const order: Question[] = [];
  k.stages.forEach((stage, i) => {
    const later = new Set(k.stages.slice(i + 1).map((s) => s.id));
    for (const q of k.questions) {
      if (placed.has(q.id)) continue;
      const moved = later.has(q.stage) && q.asks.some((id) => {
        const urgency = k.findings.get(id)?.urgency;
        return urgency !== undefined && stage.alsoAsks.includes(urgency);
      });
      if (q.stage === stage.id || moved) { placed.add(q.id); order.push(q); }
    }
  });
  return order;
}

/** A question is skipped when everything it asks is already known. */
export function isAnswered(answers: Answers, question: Question): boolean {
  switch (question.kind) {
    case 'duration': return answers.ptWeeks !== null;
    case 'frequency': return answers.adherence !== null;
    case 'progress': return answers.progress !== null;
    case 'yesno': return question.asks.every((id) => answers.findings[id] !== undefined);
  }
}

/** The next question to ask after the last one asked, or undefined when the interview is complete. */
export function nextQuestion(state: Interview, k: FormKnowledge): Question | undefined {
  const order = formOrder(k);
  const from = order.findIndex((q) => q.id === state.formAt) + 1;
  return order.slice(from).find((q) => !isAnswered(state.answers, q));
}

export function questionById(k: Pick<Knowledge, 'questions'>, id: string): Question {
  const q = k.questions.find((x) => x.id === id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}

/** The words of a question as asked now: the "which?" follow-up once a bare yes came. */
export const wording = (q: Question, asking: Asking): string => (asking.mode === 'which' ? q.which ?? q.text : q.text);

/** The buttons of a question in its current mode. */
export function choicesFor(question: Question, mode: Asking['mode'], k: Pick<Knowledge, 'findings' | 'messages'>): Choice[] {
  const c = k.messages.choices;
  if (mode === 'which') {
    if (question.choices) return question.choices;
    const labels = question.asks.map((id) => ({ title: k.findings.get(id)?.label ?? id, value: k.findings.get(id)?.label ?? id, finding: id }));
    return [...labels, { title: c.notSure, value: 'not sure' }];
  }
  if (question.kind !== 'yesno') return question.choices ?? [];
  return question.asks.length > 1
    ? [{ title: c.noneOfThese, value: 'no, none of these' }, { title: c.someApply, value: 'yes' }, { title: c.notSure, value: 'not sure' }]
    : [{ title: c.yes, value: 'yes' }, { title: c.no, value: 'no' }, { title: c.notSure, value: 'not sure' }];
}

/** A clicked button (its value), its title typed out, or its number typed on a channel with a numbered list. */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '');
  const n = /^\(?(\d{1,2})\)?$/.exec(t);
  if (n) return choices[Number(n[1]) - 1];
  return choices.find((c) => c.value.toLowerCase() === t || c.title.toLowerCase() === t);
}
