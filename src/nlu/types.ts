import type { Adherence, FindingId, FindingStatus, Progress } from '../knowledge/ids.js';
import type { MentionStatus, Qualifiers } from '../knowledge/mentions.js';
import type { Question } from '../knowledge/schemas.js';

export type Polarity = 'yes' | 'no' | 'unsure';

/** A finding mentioned in free text, with its qualifiers and the status the judge gives them. */
export interface FindingMention {
  id: FindingId;
  status: MentionStatus;
  qualifiers: Qualifiers;
  confidence: number;
  /** The words that fired it, for `npm run explain`. */
  words: string;
}

/** `language`: the message is clearly in another language (the bot answers that it works in English for now). */
/** `change`: the person wants to correct an earlier answer ("I want to change my answer"). */
export const GLOBAL_INTENTS = ['help', 'restart', 'define', 'contact', 'goodbye', 'why', 'forget', 'greeting', 'thanks', 'language', 'change'] as const;
export type GlobalIntent = (typeof GLOBAL_INTENTS)[number];

export interface IntentMatch {
  name: GlobalIntent;
  confidence: number;
  /** For `define`: the glossary term asked about (its canonical `term`), or null when unknown. */
  term?: string | null;
}

/** What the matcher reads in one message, with no knowledge of which question is pending. */
export interface Analysis {
  normalized: string;
  /** One mention per finding (the strongest reading across sentences), ignored ones included. */
  findings: FindingMention[];
  polarity: Polarity | null;
  /** Duration of PT in weeks ("two months" → 8.7), null if none stated. */
  weeks: number | null;
  /** Sessions or exercise days per week ("3x a week" → 3, "most days" → 5), null if none stated. */
  perWeek: number | null;
  /** The frequency is about the exercises, not a symptom (so it counts even outside the adherence question). */
  aboutExercises: boolean;
  adherence: Adherence | null;
  progress: Progress | null;
  /** The best global intent above the confidence threshold, or null. */
  intent: IntentMatch | null;
  /** "actually", "I meant": the message corrects something said earlier, so a denial may replace a report. */
  correcting: boolean;
  /** The message is about PT itself (lexicon adherence.ptWords): facts said in passing then count. */
  aboutPt: boolean;
  /** ISO 639-1 code when the message is clearly not in English ('xx': another script), else null. */
  language: string | null;
}

/**
 * The meaning of an answer to a pending question.
 * - answered: the updates settle the question;
 * - unsure: "not sure" on a first attempt (the dialog re-asks once in plain words);
 * - which: a bare "yes" to a question that asks about several findings (the dialog asks which);
 * - unclear: nothing usable (the dialog says it did not understand and shows examples);
 * - question: the person asks something back ("why do you ask?", "is that bad?"): explain, then ask again.
 */
export interface AnswerUpdate {
  outcome: 'answered' | 'unsure' | 'which' | 'unclear' | 'question';
  findings: Partial<Record<FindingId, FindingStatus>>;
  ptWeeks?: number;
  adherence?: Adherence;
  progress?: Progress;
}

/** One message as the matcher read it, once: its analysis, and its reading as an answer to a question. */
export interface MessageReading {
  text: string;
  analysis: Analysis;
  /** The message (or a clicked button's value) read as an answer to `question`; `final`: the plain re-ask was made. */
  answer(question: Question, final: boolean, value?: string): AnswerUpdate;
}
