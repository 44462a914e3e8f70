export {
  assess, contribution, deriveFindings, effectiveFindings, toChannelData,
  DERIVED_FINDINGS, EARLY_WEEKS, type TriageChannelData, type TriageKnowledge,
} from './evaluate.js';
export { Answers, Adherence, FindingStatus, Progress, emptyAnswers } from './answers.js';
export type { AssessedFinding, Assessment } from './assessment.js';
