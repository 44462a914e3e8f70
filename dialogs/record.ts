// Pure rules for folding what the person said into the answers. No botbuilder here: tested directly.
import type { FindingId } from '../src/knowledge/ids.js';
import type { Knowledge } from '../src/knowledge/load.js';
import type { Question } from '../src/knowledge/schemas.js';
import { adherenceFrom, statusesOf } from '../src/nlu/index.js';
import type { Analysis, AnswerUpdate, FindingMention } from '../src/nlu/types.js';
import type { Answers, FindingStatus } from '../src/triage/answers.js';

const STRENGTH: Record<FindingStatus, number> = { absent: 0, uncertain: 1, present: 2 };

/**
 * Free-text mentions only ever strengthen a finding: a passing "no fever" never erases a fever reported
 * earlier (safety first), unless the person says they are correcting themselves ("actually I haven't had a
 * fever"). A direct answer to the finding's own question is applied with `applyAnswer`.
 */
export function recordMentions(answers: Answers, mentions: readonly FindingMention[], correcting = false): void {
  for (const [id, status] of Object.entries(statusesOf(mentions)) as [FindingId, FindingStatus][]) {
    if (correcting) answers.findings[id] = status;
    else strengthen(answers, id, status);
  }
}

function strengthen(answers: Answers, id: FindingId, status: FindingStatus): void {
  const current = answers.findings[id];
  if (current === undefined || STRENGTH[status] > STRENGTH[current]) answers.findings[id] = status;
}

/**
 * Structured facts stated in passing ("PT for 2 months, I skip the exercises, no better") fill gaps, never
 * overwrite, so a fact told once is not asked again. `answering`: the message answers a question about
 * something else (not the opening, nor the first "how long?" where people tell their story). Adherence counts
 * only when stated outright (a frequency, or skipping); outside their own questions, answer words mislead ("not
 * much better" is not low adherence).
 */
export function recordFacts(answers: Answers, analysis: Analysis, ptContext: boolean, answering: boolean): void {
  if (!ptContext) return;
  if (answers.ptWeeks === null && analysis.weeks !== null) answers.ptWeeks = analysis.weeks;
  if (answers.adherence === null) {
    if (analysis.findings.some((f) => f.id === 'low_adherence' && f.status === 'present')) answers.adherence = 'low';
    // A frequency in passing counts only when it is about the exercises: "stiff every morning" is not adherence.
    else if (analysis.perWeek !== null && analysis.aboutExercises) answers.adherence = adherenceFrom(analysis.perWeek);
  }
  // Progress only from the story (the opening, or the first answer): in an answer about something else, "I'm very
  // good like that" is not "better".
  if (!answering && answers.progress === null && analysis.progress !== null) answers.progress = analysis.progress;
}

/**
 * An answer to `question` settles it: asked findings the answer did not name become absent. A finding the
 * person already reported stays present: a "no" to "fever, or weight loss?" after "I've had a fever" is
 * about the weight (safety first: nothing reported is ever erased by a later answer).
 */
export function applyAnswer(answers: Answers, question: Question, update: AnswerUpdate): void {
  const asked = new Set<FindingId>(question.asks);
  for (const [id, status] of Object.entries(update.findings) as [FindingId, FindingStatus][]) {
    if (asked.has(id) && answers.findings[id] !== 'present') answers.findings[id] = status;
    else strengthen(answers, id, status);
  }
  if (update.outcome === 'answered') {
    for (const id of question.asks) if (update.findings[id] === undefined && answers.findings[id] === undefined) answers.findings[id] = 'absent';
  }
  if (update.ptWeeks !== undefined) answers.ptWeeks = update.ptWeeks;
  if (update.adherence !== undefined) answers.adherence = update.adherence;
  if (update.progress !== undefined) answers.progress = update.progress;
}

/** Marks every finding a question asks about as uncertain: the safe record of "still not sure". */
export function markUncertain(answers: Answers, question: Question): void {
  for (const id of question.asks) if (answers.findings[id] !== 'present') answers.findings[id] = 'uncertain';
}

export function presentEmergency(answers: Answers, knowledge: Pick<Knowledge, 'findings'>): FindingId[] {
  return (Object.entries(answers.findings) as [FindingId, FindingStatus][])
    .filter(([id, status]) => status === 'present' && knowledge.findings.get(id)?.urgency === 'emergency')
    .map(([id]) => id);
}
