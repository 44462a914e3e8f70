/**
 * An in-test knowledge fixture mirroring TRIAGE.md (not content/, which is edited separately): the tests
 * check the decision rules against the spec's own table, so a content edit cannot hide a rule change.
 */
import type { FindingId, SourceRef, Urgency } from '../../src/knowledge/ids.js';
import type { Finding, NextStep, Reason } from '../../src/knowledge/schemas.js';
import { emptyAnswers, type Answers, type TriageKnowledge } from '../../src/triage/index.js';

const SEED: Record<string, SourceRef> = {
  '000': '000_0c3453292b9b3cc8.txt',
  '001': '001_298c66a5cf776d65.txt',
  '002': '002_000d4643c5e8f35e.txt',
  '003': '003_03436138a87cf42c.txt',
  '004': '004_0cbe59d67ebfd9cf.txt',
  std: 'TRIAGE.md',
};

/** TRIAGE.md "Findings": id, urgency, the articles cited in its "why" column (std = "standard"). */
export const TRIAGE_TABLE: readonly [FindingId, Urgency, string[]][] = [
  ['bladder_bowel', 'emergency', ['000', '002', '004']],
  ['saddle_numbness', 'emergency', ['std']],
  ['progressive_weakness', 'emergency', ['003', '004']],
  ['major_trauma', 'emergency', ['000', 'std']],
  ['fever', 'urgent', ['000', '002', '004']],
  ['weight_loss', 'urgent', ['000', '002', '004']],
  ['cancer_history', 'urgent', ['000']],
  ['night_pain', 'urgent', ['004']],
  ['stable_weakness', 'urgent', ['000']],
  ['sudden_severe', 'urgent', ['000']],
  ['no_progress_adherent', 'soon', ['000', '002', '003', '004']],
  ['worsening', 'soon', ['000']],
  ['radiating', 'soon', ['000', '002']],
  ['numbness_tingling', 'soon', ['000', '004']],
  ['inflammatory_pattern', 'soon', ['002']],
  ['instability', 'soon', ['002']],
  ['post_surgery', 'soon', ['001']],
  ['self_directed', 'soon', ['001']],
  ['low_adherence', 'routine', ['001', '002', '003', '004']],
  ['too_early', 'routine', ['002', '004']],
  ['unnoticed_progress', 'routine', ['001']],
  ['exercise_pain_or_boredom', 'routine', ['001', '003', '004']],
  ['therapist_mismatch', 'routine', ['003', '004']],
  ['adjacent_areas', 'routine', ['002']],
  ['lifestyle', 'routine', ['000', '004']],
];

export const src = (key: string): SourceRef => SEED[key]!;

const finding = ([id, urgency, refs]: (typeof TRIAGE_TABLE)[number]): Finding => ({
  id, urgency, label: id.replace(/_/g, ' '), why: `why ${id}`, sources: refs.map(src), historyCounts: id === 'cancer_history' || id === 'post_surgery', othersCount: id === 'therapist_mismatch' || id === 'exercise_pain_or_boredom',
});

const reason = (id: string, when: FindingId[], sources: SourceRef[]): Reason => ({
  id, title: id, explanation: `explains ${id}`, whatToDo: `do ${id}`, when, sources,
});

const step = (id: string, findings: FindingId[], urgency: Urgency[], sources: SourceRef[]): NextStep => ({
  id, title: id, explanation: `explains ${id}`, when: { findings, urgency }, sources,
});

export const REASONS: Reason[] = [
  reason('plan_not_followed', ['low_adherence', 'exercise_pain_or_boredom'], [src('003')]),
  reason('not_enough_time', ['too_early'], [src('002'), src('004')]),
  reason('nerve_involvement', ['radiating', 'numbness_tingling'], [src('000')]),
  reason('wrong_diagnosis', ['no_progress_adherent', 'worsening'], [src('000'), src('002')]),
];

export const NEXT_STEPS: NextStep[] = [
  step('emergency_department', [], ['emergency'], [src('std')]),
  step('see_doctor_today', ['bladder_bowel', 'fever'], ['urgent'], [src('000')]),
  step('re_evaluation', ['no_progress_adherent'], ['soon'], [src('000'), src('003')]),
  step('imaging', ['radiating', 'progressive_weakness'], [], [src('002')]),
  step('pain_journal', ['unnoticed_progress'], [], [src('001')]),
];

export const knowledge: TriageKnowledge = {
  findings: new Map(TRIAGE_TABLE.map((row) => [row[0], finding(row)])),
  reasons: REASONS,
  nextSteps: NEXT_STEPS,
};

/** A knowledge with no reasons or next steps, for tests about urgency only. */
export const bareKnowledge: TriageKnowledge = { ...knowledge, reasons: [], nextSteps: [] };

export const URGENCY_OF = new Map(TRIAGE_TABLE.map(([id, u]) => [id, u]));

/** Answers with the given structured values and finding statuses (default: nothing known). */
export function answers(over: Partial<Answers> = {}): Answers {
  return { ...emptyAnswers(), ...over };
}
