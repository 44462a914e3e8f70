import { z } from 'zod';
import { Adherence, FindingId, FindingStatus, Progress } from '../knowledge/ids.js';

// The shapes of what was said live in knowledge (the matcher reports them too); triage owns the record.
export { Adherence, FindingStatus, Progress };

/**
 * Everything the conversation has learnt: the input of the triage function and the stored dialog state.
 * Findings not in the record have not come up yet.
 */
export const Answers = z.object({
  findings: z.partialRecord(FindingId, FindingStatus).default({}),
  ptWeeks: z.number().nonnegative().nullable().default(null),
  adherence: Adherence.nullable().default(null),
  progress: Progress.nullable().default(null),
});
export type Answers = z.infer<typeof Answers>;

export const emptyAnswers = (): Answers => Answers.parse({});
