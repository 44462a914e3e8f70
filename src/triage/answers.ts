import { z } from 'zod';
import { FindingId } from '../knowledge/ids.js';

/** present: the person reports it; absent: they deny it; uncertain: still "not sure" after one re-ask. */
export const FindingStatus = z.enum(['present', 'absent', 'uncertain']);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const Adherence = z.enum(['high', 'partial', 'low']);
export type Adherence = z.infer<typeof Adherence>;

export const Progress = z.enum(['better', 'same', 'worse', 'unsure']);
export type Progress = z.infer<typeof Progress>;

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
