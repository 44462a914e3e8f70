/**
 * The clinical decision of TRIAGE.md as a pure function: answers + knowledge in, assessment out.
 * No I/O and no bot framework here, so every rule can be tested exhaustively.
 */
import { FINDING_IDS, maxUrgency, urgencyRank, type FindingId, type SourceRef, type Urgency } from '../knowledge/ids.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Answers, FindingStatus } from './answers.js';
import type { AssessedFinding, Assessment } from './assessment.js';

export type TriageKnowledge = Pick<Knowledge, 'findings' | 'reasons' | 'nextSteps'>;

/** TRIAGE.md: "fewer than about 6 weeks of PT" is too early; 6 weeks or more without progress is not. */
export const EARLY_WEEKS = 6;

/** The findings computed from the structured answers (weeks of PT, adherence, progress). */
export const DERIVED_FINDINGS = [
  'too_early', 'low_adherence', 'no_progress_adherent', 'worsening', 'unnoticed_progress',
] as const satisfies readonly FindingId[];

/**
 * The derived findings whose condition holds for these answers (each is then present).
 * A missing answer (null) derives nothing: we never guess weeks, adherence or progress.
 */
export function deriveFindings(answers: Pick<Answers, 'ptWeeks' | 'adherence' | 'progress'>): FindingId[] {
  const { ptWeeks, adherence, progress } = answers;
  const out: FindingId[] = [];
  if (ptWeeks !== null && ptWeeks < EARLY_WEEKS) out.push('too_early');
  if (adherence === 'low' || adherence === 'partial') out.push('low_adherence');
  if (ptWeeks !== null && ptWeeks >= EARLY_WEEKS && adherence === 'high' && (progress === 'same' || progress === 'worse')) {
    out.push('no_progress_adherent');
  }
  if (progress === 'worse') out.push('worsening');
  if (progress === 'unsure') out.push('unnoticed_progress');
  return out;
}

/**
 * The finding record the assessment works from: the person's record plus the derived findings.
 *
 * Merge rule (kept deliberately simple): a derived finding whose condition holds is present, whatever the
 * record says for that id. The structured questions (duration, frequency, progress) ARE the direct questions
 * for these five ids, so their answers outrank an 'absent' or 'uncertain' picked up from free text; and
 * overriding only ever raises the level, never lowers it (under-triage is the safety defect).
 * Derivation only adds: when a condition does not hold the record's own entry stands (e.g. "it keeps getting
 * worse" typed in free text keeps `worsening` present before the progress question is reached).
 */
export function effectiveFindings(answers: Answers): Partial<Record<FindingId, FindingStatus>> {
  const merged: Partial<Record<FindingId, FindingStatus>> = { ...answers.findings };
  for (const id of deriveFindings(answers)) merged[id] = 'present';
  return merged;
}

/**
 * What one finding contributes to the overall level. An uncertain finding counts one level lower:
 * TRIAGE.md rule 2 makes an unsure emergency answer "at least urgent"; we apply the same one-step rule below.
 */
export function contribution(urgency: Urgency, status: Exclude<FindingStatus, 'absent'>): Urgency {
  if (status === 'present') return urgency;
  switch (urgency) {
    case 'emergency': return 'urgent';
    case 'urgent': return 'soon';
    default: return 'routine';
  }
}

const order = (id: FindingId): number => FINDING_IDS.indexOf(id);

export function assess(answers: Answers, knowledge: TriageKnowledge): Assessment {
  const record = effectiveFindings(answers);

  const findings: AssessedFinding[] = [];
  for (const id of FINDING_IDS) {
    const status = record[id];
    if (status === undefined || status === 'absent') continue;
    const finding = knowledge.findings.get(id);
    // A finding missing from content must not be dropped silently: that would under-triage.
    if (!finding) throw new Error(`triage: finding ${id} is not defined in the knowledge`);
    findings.push({ id, status, urgency: contribution(finding.urgency, status), finding });
  }
  // Highest contribution first; ties keep TRIAGE.md order (FINDING_IDS order, already the iteration order).
  findings.sort((a, b) => urgencyRank(b.urgency) - urgencyRank(a.urgency) || order(a.id) - order(b.id));

  const highest = (status: 'present' | 'uncertain'): Urgency | null =>
    findings.filter((f) => f.status === status).reduce<Urgency | null>((m, f) => (m === null ? f.urgency : maxUrgency(m, f.urgency)), null);
  const fromPresent = highest('present') ?? 'routine';
  const fromUncertain = highest('uncertain');
  const urgency = fromUncertain === null ? fromPresent : maxUrgency(fromPresent, fromUncertain);
  // Raised only when an uncertain answer lifts the level above what present findings alone give.
  const uncertainRaised = urgencyRank(urgency) > urgencyRank(fromPresent);

  const drivers = findings.filter((f) => f.urgency === urgency);

  // Reasons explain why PT has not worked: only what the person actually reported, not what they were unsure of.
  const present = new Set(findings.filter((f) => f.status === 'present').map((f) => f.id));
  const listed = new Set(findings.map((f) => f.id));
  const reasons = knowledge.reasons.filter((r) => r.when.some((id) => present.has(id)));
  // Next steps also cover uncertain findings: an unsure red flag still warrants discussing the check-up.
  // Most relevant first: offered for this urgency, then by how many of the person's findings a step addresses
  // (stable, so content order breaks ties). The renderer shows the first few.
  const relevance = (s: (typeof knowledge.nextSteps)[number]): number =>
    (s.when.urgency.includes(urgency) ? 100 : 0) + s.when.findings.filter((id) => listed.has(id)).length;
  const nextSteps = knowledge.nextSteps
    .filter((s) => relevance(s) > 0)
    .map((s, i) => ({ s, i, r: relevance(s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map(({ s }) => s);

  const sources = new Set<SourceRef>();
  for (const item of [...findings.map((f) => f.finding), ...reasons, ...nextSteps]) {
    for (const s of item.sources) sources.add(s);
  }

  return { urgency, drivers, findings, reasons, nextSteps, sources: [...sources].sort(), uncertainRaised };
}

/** CONTRACT.md's `channelData.triage`: the machine-readable part of the assessment message. */
export interface TriageChannelData {
  urgency: Urgency;
  action: string;
  findings: { id: FindingId; status: Exclude<FindingStatus, 'absent'>; urgency: Urgency }[];
  reasons: string[];
  sources: SourceRef[];
}

/** Each finding reports its own TRIAGE.md urgency, not the lowered contribution of an uncertain answer. */
export function toChannelData(assessment: Assessment, action: string): TriageChannelData {
  return {
    urgency: assessment.urgency,
    action,
    findings: assessment.findings.map((f) => ({ id: f.id, status: f.status, urgency: f.finding.urgency })),
    reasons: assessment.reasons.map((r) => r.id),
    sources: [...assessment.sources],
  };
}
