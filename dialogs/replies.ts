// What the interview says, described without any channel: src/render/ turns each reply into an activity.
import type { Answers } from '../src/triage/answers.js';
import type { Assessment } from '../src/triage/assessment.js';
import type { Choice } from './form.js';

/** Texts the interview says, by what they are for (tests and logs read the key; the person reads the text). */
export type SayKey =
  | 'greeting' | 'help' | 'contact' | 'otherLanguage' | 'changeAnswer' | 'glossary' | 'goodbye' | 'forgotten'
  | 'restart' | 'carryOn' | 'emptyMessage' | 'attachmentOnly' | 'longMessage' | 'afterAssessment' | 'updated';

export type Reply =
  /** A text, already filled in with the clinic's details. */
  | { kind: 'say'; key: SayKey; text: string }
  /** A question from content (or a confirmation, with no question id), with its buttons. */
  | { kind: 'ask'; questionId: string | null; text: string; choices: readonly Choice[] }
  /** The assessment, after an optional line saying it changed. */
  | { kind: 'assessment'; assessment: Assessment; answers: Answers; prefix?: string }
  /** "Why this level?" after the assessment. */
  | { kind: 'why'; assessment: Assessment }
  /** "Next steps" after the assessment: the options to discuss with a clinician. */
  | { kind: 'nextSteps'; assessment: Assessment }
  /** "My summary" after the assessment: the summary to keep. */
  | { kind: 'summary'; assessment: Assessment; answers: Answers };
