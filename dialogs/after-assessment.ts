// Turns after the assessment: "why?", a term, help, restart. Anything new the person mentions is still read, and
// if it changes the assessment (an emergency above all, or a correction) it is given again at once.
import type { Knowledge } from '../src/knowledge/load.js';
import { urgencyRank } from '../src/knowledge/ids.js';
import { fill, type ClinicInfo } from '../src/render/template.js';
import { assess } from '../src/triage/index.js';
import { assessmentReply, findingsKey } from './assessment.js';
import type { MessageReading } from '../src/nlu/types.js';
import type { Reply } from './replies.js';
import type { Interview } from './state.js';

/** The reply after the assessment, or the interruption to act on (a request the interview handles). */
export function afterAssessment(state: Interview, reading: MessageReading, k: Knowledge, clinic: ClinicInfo): Reply | 'request' {
  const assessment = assess(state.answers, k);
  const raised = state.lastUrgency !== null && urgencyRank(assessment.urgency) > urgencyRank(state.lastUrgency);
  const changed = assessment.urgency !== state.lastUrgency || findingsKey(assessment) !== state.lastFindings;
  if (raised || (changed && reading.analysis.correcting)) return assessmentReply(state, k, fill(k.messages.assessmentChanged, clinic));
  if (reading.analysis.intent?.name === 'why') return { kind: 'why', assessment };
  if (reading.analysis.intent) return 'request';
  return { kind: 'say', key: 'afterAssessment', text: fill(k.messages.afterAssessment, clinic) };
}
