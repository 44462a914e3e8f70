/**
 * The meaning of a message as an answer to the pending question, read in that question's frame. Everything
 * the message mentions is kept, asked or not, so a free-text answer is never lost; a "no" about something
 * else does not answer the question, and words that describe the asked function without a clear "no" are
 * not a "no" (TRIAGE.md rule 7).
 */
import { adherenceFrom, type FindingId, type FindingStatus } from '../knowledge/ids.js';
import type { Question } from '../knowledge/schemas.js';
import type { AnswerUpdate, Analysis, FindingMention } from './types.js';

/** What interpret needs from the matcher: an analysis, and findings read with the question's words implied. */
export interface AnswerContext {
  analysis: Analysis;
  /** Findings read as if the question's topic words were said ("getting worse" to the weakness question). */
  inContext: (asks: readonly FindingId[]) => FindingMention[];
  /** The message talks, without denying it, about what the question's findings are about (bladder, groin, legs). */
  describes: (asks: readonly FindingId[]) => boolean;
  /** The message asks something back ("is that a bad sign?", "what is tingling?", "why?") rather than telling. */
  asksBack: boolean;
  /** Every sentence of it is a question in form ("do I have to do them every day?"). */
  questionForm: boolean;
  /** A leading "no" is followed at once by something else it denies ("no temperature or anything, but…"). */
  noAboutOther: (asks: readonly FindingId[]) => boolean;
  /** "I think maybe a bit": a yes, hedged. */
  hedgedYes: boolean;
  /** The answer turns ("no tingling, but it gives way"): a leading "no" does not cover what follows. */
  contrast: boolean;
  /** A bare number, for "how many weeks?" → "6". */
  bareNumber: number | null;
}

/** Present and absent mentions as answer findings; suspected and ignored ones are not answers. */
export function statusesOf(mentions: readonly FindingMention[]): Partial<Record<FindingId, FindingStatus>> {
  const out: Partial<Record<FindingId, FindingStatus>> = {};
  for (const m of mentions) if (m.status === 'present' || m.status === 'absent') out[m.id] = m.status;
  return out;
}

export function interpretAnswer(q: Question, ctx: AnswerContext, final: boolean): AnswerUpdate {
  const a = ctx.analysis;
  const findings = statusesOf(a.findings);
  const unsure = (): AnswerUpdate => (final ? { outcome: 'answered', findings } : { outcome: 'unsure', findings });
  const question = (): AnswerUpdate => ({ outcome: 'question', findings });

  // "Do I have to do them every day?": a question back, whatever numbers it holds.
  if (q.kind !== 'yesno' && ctx.questionForm) return question();
  switch (q.kind) {
    case 'duration': {
      const weeks = a.weeks ?? (ctx.bareNumber !== null && ctx.bareNumber <= 200 ? ctx.bareNumber : null);
      if (weeks !== null) return { outcome: 'answered', findings, ptWeeks: weeks };
      if (ctx.asksBack) return question();
      if (a.polarity === 'unsure') return unsure();
      return { outcome: 'unclear', findings };
    }
    case 'frequency': {
      const adherence = a.perWeek !== null ? adherenceFrom(a.perWeek)
        : a.adherence ?? (a.polarity === 'yes' ? 'high' : a.polarity === 'no' ? 'low' : null);
      if (adherence) return { outcome: 'answered', findings, adherence };
      if (ctx.asksBack) return question();
      if (a.polarity === 'unsure') return unsure();
      return { outcome: 'unclear', findings };
    }
    case 'progress': {
      const progress = a.progress ?? (a.polarity === 'unsure' ? 'unsure' : a.polarity === 'no' ? 'same' : null);
      if (!progress) return ctx.asksBack ? question() : { outcome: 'unclear', findings };
      return { outcome: 'answered', findings, progress };
    }
    case 'yesno':
      return yesNo(q, ctx, findings, final);
  }
}

function yesNo(q: Question, ctx: AnswerContext, findings: Partial<Record<FindingId, FindingStatus>>, final: boolean): AnswerUpdate {
  // "No… actually, yes, it woke me twice": a correction inside the answer; what follows it decides.
  const a = ctx.analysis.correcting && ctx.analysis.polarity === 'no' ? { ...ctx.analysis, polarity: null } : ctx.analysis;
  const asks = q.asks;
  // The reading with the question's topic implied is a second pass over the message: done once, when needed.
  let impliedReading: FindingMention[] | undefined;
  const inContext = (): FindingMention[] => (impliedReading ??= ctx.inContext(asks));
  // "it's been a bit different lately but I can't say how" is unsure, not a report: topic words are only
  // implied when the person is not hedging their whole answer.
  // A plain "no" is not overruled by a word that only counts because the question implies the topic ("none of
  // that applies to me" is not leg pain because "to" is a motion word).
  if (a.polarity !== 'unsure' && (a.polarity !== 'no' || ctx.contrast) && !ctx.asksBack) {
    for (const m of inContext()) {
      if (!asks.includes(m.id) || (m.status !== 'present' && m.status !== 'absent')) continue;
      if (findings[m.id] === undefined || (findings[m.id] === 'absent' && m.status === 'present')) findings[m.id] = m.status;
    }
  }
  // A sign the words only suggest, told in answer to the very question about it, is the answer: the question
  // supplies what the words left out ("the sheets were wet" to the bladder question). The words themselves count
  // even in an unsure answer ("maybe? I think I've had little leaks I didn't feel"); what only the question's topic
  // implies does not ("not sure… a bit different lately" is re-asked, then uncertain).
  if (!ctx.asksBack) {
    const implied = a.polarity !== 'unsure' || ctx.hedgedYes ? inContext() : [];
    for (const m of [...a.findings, ...implied]) {
      if (m.status === 'suspected' && asks.includes(m.id) && findings[m.id] === undefined) findings[m.id] = 'present';
    }
  }
  const anyPresent = asks.some((id) => findings[id] === 'present');
  if (anyPresent) return { outcome: 'answered', findings };
  // A question back ("is a fall a bad sign?") records nothing about the asked findings: explain, then ask again.
  if (ctx.asksBack) {
    for (const id of asks) delete findings[id];
    return { outcome: 'question', findings };
  }
  // Someone else's, or long past and over ("my dad had cancer", "came off a horse at 20, my back was fine after"):
  // told in answer to the question about it, that is a "no".
  if (a.polarity === null || a.polarity === 'no') {
    for (const m of [...a.findings, ...inContext()]) {
      const notTheirs = m.qualifiers.experiencer === 'other' || m.qualifiers.temporality === 'historical';
      if (m.status === 'ignored' && notTheirs && asks.includes(m.id) && findings[m.id] === undefined) findings[m.id] = 'absent';
    }
  }
  const stated = asks.filter((id) => findings[id] === 'absent');
  // The "no" answers something else, or the words describe the asked function: not a "no".
  const polarity = a.polarity === 'no' && ctx.noAboutOther(asks) ? null : a.polarity;
  const describes = stated.length === 0 && ctx.describes(asks);
  // A hedged yes about the asked topic ("I think maybe a bit, around my bottom") counts: safety first.
  if (polarity === 'unsure' && describes && ctx.hedgedYes) {
    if (asks.length === 1) { findings[asks[0]!] = 'present'; return { outcome: 'answered', findings }; }
    return { outcome: 'which', findings };
  }

  if (polarity === 'unsure' || (describes && polarity !== 'no' && polarity !== 'yes')) {
    if (!final) return { outcome: 'unsure', findings };
    for (const id of asks) if (findings[id] === undefined) findings[id] = 'uncertain';
    return { outcome: 'answered', findings };
  }
  if (polarity === 'no') {
    for (const id of asks) if (findings[id] === undefined) findings[id] = 'absent';
    return { outcome: 'answered', findings };
  }
  if (polarity === 'yes') {
    // "I'm very regular, no change whatsoever": the "I'm" reads as yes, but the answer denies the finding.
    if (stated.length > 0) return { outcome: 'answered', findings };
    if (asks.length === 1) { findings[asks[0]!] = 'present'; return { outcome: 'answered', findings }; }
    // Yes, but to which of several? (A question that asks about nothing is answered by any yes.)
    return { outcome: asks.length === 0 ? 'answered' : 'which', findings };
  }
  if (stated.length > 0) return { outcome: 'answered', findings };
  return { outcome: 'unclear', findings };
}
