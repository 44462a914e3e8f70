// The interview's state between turns: one small serialisable object, saved with the eTag it was read with.
import { z } from 'zod';
import { Urgency } from '../src/knowledge/ids.js';
import { Answers, emptyAnswers } from '../src/triage/answers.js';

/** A question waiting for its answer, and how far asking it has gone. */
export const Asking = z.object({
  id: z.string(),
  /** ask: the question itself; which: the "which of them?" follow-up after a bare yes. */
  mode: z.enum(['ask', 'which']).default('ask'),
  /** Times the answer was "not sure" (one plain re-ask, then it is recorded as uncertain). */
  unsure: z.number().int().default(0),
  /** Answers that could not be read, or questions back (after two the interview moves on). */
  unclear: z.number().int().default(0),
  /** Asked by the safety net, out of turn: the interrupted question comes back after it. */
  safety: z.boolean().default(false),
});
export type Asking = z.infer<typeof Asking>;

/** The version of this shape: a stored state of another version is from before an update (see the shell). */
export const INTERVIEW_VERSION = 2;

export const Interview = z.object({
  v: z.literal(INTERVIEW_VERSION),
  answers: Answers,
  greeted: z.boolean().default(false),
  /** The assessment was given; later turns follow up on it. */
  assessed: z.boolean().default(false),
  asking: Asking.nullable().default(null),
  /** The question a safety question interrupted. */
  interrupted: Asking.nullable().default(null),
  /** The form question asked last: the form goes on after it (a question once done with is not asked again). */
  formAt: z.string().nullable().default(null),
  /** The last assessment's level and findings (a digest), so a later turn that changes them gets a new one. */
  lastUrgency: Urgency.nullable().default(null),
  lastFindings: z.string().default(''),
  /** Restart and forget-me wait for a yes before anything is cleared. */
  confirming: z.enum(['restart', 'forget']).nullable().default(null),
  /** Safety questions asked already (each once per conversation). */
  safetyAsked: z.array(z.string()).default([]),
});
export type Interview = z.infer<typeof Interview>;

export const newInterview = (): Interview => Interview.parse({ v: INTERVIEW_VERSION, answers: emptyAnswers() });
