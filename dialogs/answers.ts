// What the person says, folded into the answers: mentions anywhere only ever strengthen a finding, facts said in
// passing fill gaps, and the pending question's answer is read in its frame ("not sure" gets one plain re-ask, a
// bare "yes" to a question about several findings gets "which?", an unreadable answer gets examples, a question
// back gets why we ask). Never a silent guess on a red-flag question: if it stays unclear, its findings are
// recorded as uncertain.
import { adherenceFrom, type FindingId } from '../src/knowledge/ids.js';
import type { Knowledge } from '../src/knowledge/load.js';
import type { Question } from '../src/knowledge/schemas.js';
import { statusesOf } from '../src/nlu/index.js';
import type { Analysis, AnswerUpdate, FindingMention } from '../src/nlu/types.js';
import { fill, type ClinicInfo } from '../src/render/template.js';
import type { Answers, FindingStatus } from '../src/triage/answers.js';
import { whyWeAsk } from './explain.js';
import { choicesFor, matchChoice, questionById, wording } from './form.js';
import type { MessageReading } from '../src/nlu/types.js';
import type { Reply } from './replies.js';
import type { Asking, Interview } from './state.js';

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
export function recordFacts(answers: Answers, analysis: Analysis, answering: boolean): void {
  // Durations and adherence typed in passing count only when the sentence is about PT itself.
  if (!analysis.aboutPt) return;
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

/** After this many answers it could not read, the interview moves on. */
const MAX_UNCLEAR = 2;

/** The question asked (again) with the buttons of its mode, after `lead` when given. */
export function ask(asking: Asking, k: Knowledge, text?: string): Reply {
  const q = questionById(k, asking.id);
  return { kind: 'ask', questionId: q.id, text: text ?? wording(q, asking), choices: choicesFor(q, asking.mode, k) };
}

/**
 * Applies the message to the pending question. Returns the reply that asks it again (the state's `asking`
 * updated), or undefined when the question is done with (answered, or given up on).
 */
export function takeAnswer({ answers }: Interview, asking: Asking, reading: MessageReading, k: Knowledge, clinic: ClinicInfo): Reply | undefined {
  const q = questionById(k, asking.id);
  const m = k.messages;
  const choice = matchChoice(reading.text, choicesFor(q, asking.mode, k));
  if (choice?.finding) {
    applyAnswer(answers, q, { outcome: 'answered', findings: { [choice.finding]: 'present' } });
    return undefined;
  }
  const update = reading.answer(q, asking.unsure > 0, choice?.value);
  applyAnswer(answers, q, update);
  const giveUp = (): undefined => {
    if (q.kind === 'yesno') markUncertain(answers, q);
    return undefined;
  };

  switch (update.outcome) {
    case 'answered':
      return undefined;
    case 'unsure':
      if (asking.unsure > 0) { // still unsure after the plain re-ask: TRIAGE.md rule 2
        markUncertain(answers, q);
        return undefined;
      }
      asking.unsure += 1;
      return ask(asking, k, q.reask);
    case 'which':
      if (asking.mode === 'ask' && q.which) {
        asking.mode = 'which';
        return ask(asking, k);
      }
      // "Yes" again to "which one?": something applies but we cannot tell what; all are recorded as uncertain.
      markUncertain(answers, q);
      return undefined;
    case 'question':
      // "Why do you ask?", "is that bad?": why the question matters, then the question again. It counts as an
      // unclear answer, so a person who keeps asking is not asked the same question for ever.
      asking.unclear += 1;
      if (asking.unclear > MAX_UNCLEAR) return giveUp();
      return ask(asking, k, `${whyWeAsk(k, q, clinic)}\n\n${wording(q, asking)}`);
    case 'unclear':
      if (reading.analysis.findings.length > 0 && asking.unclear === 0) {
        // Not an answer to this question, but it told us something: acknowledge it rather than "didn't get that".
        asking.unclear += 1;
        return ask(asking, k, `${fill(m.noted, clinic)} ${q.text}`);
      }
      asking.unclear += 1;
      if (asking.unclear > MAX_UNCLEAR) return giveUp();
      return ask(asking, k, `${fill(m.didNotUnderstand, clinic)} ${q.examples.map((e) => `"${e}"`).join(', ')}.\n\n${asking.mode === 'which' ? q.which ?? q.reask : q.reask}`);
    default:
      return undefined;
  }
}
