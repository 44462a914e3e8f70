import { z } from 'zod';
import { Urgency } from '../src/knowledge/ids.js';
import { Answers } from '../src/triage/answers.js';

/** What the conversation keeps between turns, besides the dialog stack. */
export const Session = z.object({
  answers: Answers.default(Answers.parse({})),
  greeted: z.boolean().default(false),
  /** Set once an assessment has been given; later turns are answered by the after-assessment handler. */
  assessed: z.boolean().default(false),
  /** The question waiting for an answer, so an interruption can tell an answer from a request. */
  pendingQuestion: z.string().nullable().default(null),
  /** The level the last assessment gave, so a later turn that raises it gets a new assessment. */
  lastUrgency: Urgency.nullable().default(null),
  /** The findings the last assessment listed, so a correction that changes them gets a new assessment. */
  lastFindings: z.string().default(''),
  /** Restart and forget-me wait for a confirmation (buttons) before anything is cleared. */
  confirming: z.enum(['restart', 'forget']).nullable().default(null),
  /** Questions the safety net has asked already (an emergency sign suggested but not stated): asked once. */
  safetyAsked: z.array(z.string()).default([]),
});
export type Session = z.infer<typeof Session>;

export const newSession = (): Session => Session.parse({});

/** The default for the state accessor, which stores a copy of it for a new conversation. */
export const SESSION_DEFAULT: Session = newSession();
