// The assessment as the interview gives it: the clinical decision on the answers so far, and what the state keeps
// of it so that a later turn that changes it gets a new one.
import type { Knowledge } from '../src/knowledge/load.js';
import { assess, type Assessment } from '../src/triage/index.js';
import type { Reply } from './replies.js';
import type { Interview } from './state.js';

/** What an assessment found, as one short comparable value (a digest keeps the state small). */
export function findingsKey(assessment: Pick<Assessment, 'findings'>): string {
  const list = assessment.findings.map((f) => `${f.id}:${f.status}`).sort().join(',');
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: enough to notice a change, not a security measure
  for (let i = 0; i < list.length; i += 1) hash = Math.imul(hash ^ list.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

/** Runs the clinical decision and gives the assessment; later turns follow up on it. */
export function assessmentReply(state: Interview, k: Knowledge, prefix?: string): Reply {
  const assessment = assess(state.answers, k);
  state.assessed = true;
  state.asking = null;
  state.interrupted = null;
  state.lastUrgency = assessment.urgency;
  state.lastFindings = findingsKey(assessment);
  return { kind: 'assessment', assessment, answers: structuredClone(state.answers), ...(prefix ? { prefix } : {}) };
}
