import type { Messages } from '../knowledge/schemas.js';
import type { Answers } from '../triage/answers.js';
import type { Assessment } from '../triage/assessment.js';
import { put } from './template.js';

function weeks(w: number, s: Messages['summary']): string {
  if (w >= 8) return put(s.months, { n: Math.round(w / 4.345) });
  return Math.round(w) === 1 ? s.oneWeek : put(s.weeks, { n: Math.round(w) });
}

/** A plain-text summary the person can copy to their doctor or therapist: what they reported and the result. */
export function summaryLines(answers: Answers, assessment: Assessment, action: string, s: Messages['summary']): string[] {
  const lines: string[] = [];
  const pt: string[] = [];
  if (answers.ptWeeks !== null) pt.push(put(s.ptFor, { duration: weeks(answers.ptWeeks, s) }));
  if (answers.adherence) pt.push(put(s.exercises, { level: s.adherence[answers.adherence] }));
  if (answers.progress) pt.push(put(s.progress, { level: s.progressLevels[answers.progress] }));
  if (pt.length) lines.push(put(s.reported, { items: pt.join('; ') }));
  const found = assessment.findings.map((f) => `${f.finding.label}${f.status === 'uncertain' ? ` ${s.unsure}` : ''}`);
  lines.push(found.length ? put(s.findings, { items: found.join('; ') }) : s.noFindings);
  lines.push(put(s.urgency, { urgency: assessment.urgency, action }));
  return lines;
}
