import type { FindingId, SourceRef, Urgency } from '../knowledge/ids.js';
import type { Finding, NextStep, Reason } from '../knowledge/schemas.js';
import type { FindingStatus } from './answers.js';

/** A finding that counts in the assessment, with the urgency it contributes (lowered when uncertain). */
export interface AssessedFinding {
  id: FindingId;
  status: Exclude<FindingStatus, 'absent'>;
  urgency: Urgency;
  finding: Finding;
}

/** The output of the clinical decision: pure data, rendered by the bot for each channel. */
export interface Assessment {
  urgency: Urgency;
  /** Findings that reached the assessment's urgency (the ones that drove it). */
  drivers: AssessedFinding[];
  /** Every present or uncertain finding, highest urgency first. */
  findings: AssessedFinding[];
  reasons: Reason[];
  nextSteps: NextStep[];
  /** Every source cited by the findings, reasons and next steps, de-duplicated. */
  sources: SourceRef[];
  /** True when an uncertain red-flag answer raised the urgency. */
  uncertainRaised: boolean;
}
