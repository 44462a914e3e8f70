/**
 * The meaning of a message as an answer to the pending question. Everything the message mentions is kept,
 * asked or not, so a free-text answer is never lost.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { Question } from '../knowledge/schemas.js';
import type { Adherence, FindingStatus } from '../triage/answers.js';
import type { AnswerUpdate, Analysis, FindingMention } from './types.js';

/** What interpret needs from the matcher: an analysis, and findings read with the question's words implied. */
export interface AnswerContext {
  analysis: Analysis;
  /** Findings read as if the question's topic words were said ("getting worse" to the weakness question). */
  inContext: (asks: readonly FindingId[]) => FindingMention[];
  /** A bare number, for "how many weeks?" → "6". */
  bareNumber: number | null;
}

/** Days a week → adherence: 5+ is as prescribed for most home programmes, under 3 is low. */
export const adherenceFrom = (perWeek: number): Adherence => (perWeek >= 5 ? 'high' : perWeek >= 3 ? 'partial' : 'low');

export function interpretAnswer(q: Question, ctx: AnswerContext, final: boolean): AnswerUpdate {
  const a = ctx.analysis;
  const findings: Partial<Record<FindingId, FindingStatus>> = {};
  for (const m of a.findings) findings[m.id] = m.status;
  const unsure = (): AnswerUpdate => (final ? { outcome: 'answered', findings } : { outcome: 'unsure', findings });

  switch (q.kind) {
    case 'duration': {
      const weeks = a.weeks ?? (ctx.bareNumber !== null && ctx.bareNumber <= 200 ? ctx.bareNumber : null);
      if (weeks !== null) return { outcome: 'answered', findings, ptWeeks: weeks };
      if (a.polarity === 'unsure') return unsure();
      return { outcome: 'unclear', findings };
    }
    case 'frequency': {
      const adherence = a.perWeek !== null ? adherenceFrom(a.perWeek)
        : a.adherence ?? (a.polarity === 'yes' ? 'high' : a.polarity === 'no' ? 'low' : null);
      if (adherence) {
        if (adherence !== 'high') findings.low_adherence = 'present';
        else if (findings.low_adherence !== 'present') findings.low_adherence = 'absent';
        return { outcome: 'answered', findings, adherence };
      }
      if (a.polarity === 'unsure') return unsure();
      return { outcome: 'unclear', findings };
    }
    case 'progress': {
      const progress = a.progress ?? (a.polarity === 'unsure' ? 'unsure' : a.polarity === 'no' ? 'same' : null);
      if (!progress) return { outcome: 'unclear', findings };
      if (progress === 'worse') findings.worsening = 'present';
      else if (progress !== 'unsure' && findings.worsening !== 'present') findings.worsening = 'absent';
      return { outcome: 'answered', findings, progress };
    }
    case 'yesno':
      return yesNo(q, ctx, findings, final);
  }
}

function yesNo(q: Question, ctx: AnswerContext, findings: Partial<Record<FindingId, FindingStatus>>, final: boolean): AnswerUpdate {
  const a = ctx.analysis;
  const asks = q.asks;
  // "it's been a bit different lately but I can't say how" is unsure, not a report: topic words are only
  // implied when the person is not hedging their whole answer.
  if (a.polarity !== 'unsure') {
    for (const m of ctx.inContext(asks)) {
      if (!asks.includes(m.id)) continue;
      if (findings[m.id] === undefined || (findings[m.id] === 'absent' && m.status === 'present')) findings[m.id] = m.status;
    }
  }
  const stated = asks.filter((id) => findings[id] === 'present' || findings[id] === 'absent');
  const anyPresent = asks.some((id) => findings[id] === 'present');

  if (a.polarity === 'unsure' && !anyPresent) {
    if (!final) return { outcome: 'unsure', findings };
    for (const id of asks) if (findings[id] === undefined) findings[id] = 'uncertain';
    return { outcome: 'answered', findings };
  }
  if (a.polarity === 'no') {
    for (const id of asks) if (findings[id] === undefined) findings[id] = 'absent';
    return { outcome: 'answered', findings };
  }
  if (a.polarity === 'yes') {
    if (anyPresent) return { outcome: 'answered', findings };
    if (asks.length === 1) { findings[asks[0]!] = 'present'; return { outcome: 'answered', findings }; }
    // Yes, but to which of several? (A question that asks about nothing is answered by any yes.)
    return { outcome: asks.length === 0 ? 'answered' : 'which', findings };
  }
  if (stated.length > 0) return { outcome: 'answered', findings };
  return { outcome: 'unclear', findings };
}
