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

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/**
 * "next steps" or "my summary" (the short assessment's buttons, or typed): the message is one of the phrases of
 * content/lexicon.yaml's intents.commands.nextSteps / .summary, so symptom talk is never taken for one.
 */
function detailAsked(text: string, k: Knowledge): 'nextSteps' | 'summary' | null {
  const said = normalise(text);
  if (!said) return null;
  for (const which of ['nextSteps', 'summary'] as const) {
    if ((k.lexicon.intents.commands[which] ?? []).some((phrase) => normalise(phrase) === said)) return which;
  }
  return null;
}

/** The reply after the assessment, or the interruption to act on (a request the interview handles). */
export function afterAssessment(state: Interview, reading: MessageReading, k: Knowledge, clinic: ClinicInfo): Reply | 'request' {
  const assessment = assess(state.answers, k);
  const raised = state.lastUrgency !== null && urgencyRank(assessment.urgency) > urgencyRank(state.lastUrgency);
  const changed = assessment.urgency !== state.lastUrgency || findingsKey(assessment) !== state.lastFindings;
  if (raised || (changed && reading.analysis.correcting)) return assessmentReply(state, k, fill(k.messages.assessmentChanged, clinic));
  if (reading.analysis.intent?.name === 'why') return { kind: 'why', assessment };
  const asked = detailAsked(reading.text, k);
  if (asked === 'nextSteps') return { kind: 'nextSteps', assessment };
  if (asked === 'summary') return { kind: 'summary', assessment, answers: structuredClone(state.answers) };
  if (reading.analysis.intent) return 'request';
  return { kind: 'say', key: 'afterAssessment', text: fill(k.messages.afterAssessment, clinic) };
}
