import type { Answers } from '../triage/answers.js';
import type { Assessment } from '../triage/assessment.js';

const ADHERENCE: Record<string, string> = { high: 'done as prescribed', partial: 'some of the time', low: 'rarely' };
const PROGRESS: Record<string, string> = { better: 'somewhat better', same: 'no real change', worse: 'worse', unsure: 'not sure' };

function weeks(w: number): string {
  return w >= 8 ? `about ${Math.round(w / 4.345)} months` : `about ${Math.round(w)} week${Math.round(w) === 1 ? '' : 's'}`;
}

/** A plain-text summary the person can copy to their doctor or therapist: what they reported and the result. */
export function summaryLines(answers: Answers, assessment: Assessment, action: string): string[] {
  const lines: string[] = [];
  const pt: string[] = [];
  if (answers.ptWeeks !== null) pt.push(`PT for ${weeks(answers.ptWeeks)}`);
  if (answers.adherence) pt.push(`exercises ${ADHERENCE[answers.adherence]}`);
  if (answers.progress) pt.push(`progress: ${PROGRESS[answers.progress]}`);
  if (pt.length) lines.push(`Reported: ${pt.join('; ')}.`);
  const found = assessment.findings.map((f) => `${f.finding.label}${f.status === 'uncertain' ? ' (unsure)' : ''}`);
  lines.push(found.length ? `Findings: ${found.join('; ')}.` : 'Findings: no warning signs reported.');
  lines.push(`Urgency: ${assessment.urgency}. ${action}`);
  return lines;
}
