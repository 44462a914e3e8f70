import { z } from 'zod';
import { FindingId } from './ids.js';

/**
 * The intent matcher's vocabulary (content/lexicon.yaml). Data, not code: a clinician extends a synonym set
 * or adds a rule here without touching src/nlu. Phrases are written in plain English; the matcher runs them
 * through the same normaliser and stemmer as user text, so "can't", "leaking" and "leaks" all just work.
 * In a phrase, `*` stands for a gap of up to three words ("can not * tiptoes").
 */
const Phrase = z.string().trim().min(1);
const Phrases = z.array(Phrase).min(1);
/** Single words (the readers compare them token by token). */
const Words = z.array(z.string().regex(/^[a-z']+$/)).min(1);
const ConceptName = z.string().regex(/^[a-z_]+$/);

/**
 * A rule fires when every concept in `all` is mentioned within `window` words and none in `none` is.
 * `suggests`: the rule only suggests its finding (a frame half told): an emergency is then asked about at once.
 * `denies`: a match denies the finding, like a negation ("tripped but caught myself, didn't hurt my back").
 */
export const FindingRule = z.union([
  z.array(ConceptName).min(1).transform((all) => ({ all, none: [] as string[], window: undefined as number | undefined, suggests: false, denies: false })),
  z.object({
    all: z.array(ConceptName).min(1),
    none: z.array(ConceptName).default([]),
    window: z.number().int().positive().optional(),
    suggests: z.boolean().default(false),
    denies: z.boolean().default(false),
  }),
]);
export type FindingRule = z.infer<typeof FindingRule>;

export const FindingPatterns = z.object({
  rules: z.array(FindingRule).min(1),
  /** Findings this one replaces when both fire in a sentence (progressive weakness replaces stable weakness). */
  overrides: z.array(FindingId).default([]),
  /** When a question asks about this finding, these concepts count as said ("yes, getting worse" to the weakness question). */
  implied: z.array(ConceptName).default([]),
  /**
   * Concepts that say what the finding is about (bladder words for bladder_bowel): an answer to its question
   * that talks about them without a clear "no" is not a "no" (re-asked, then uncertain).
   */
  frame: z.array(ConceptName).default([]),
  /**
   * A mention of this finding is itself talk about the exercises ("I skip them"), so a frequency beside it is the
   * exercises' frequency, not a symptom's.
   */
  aboutExercises: z.boolean().default(false),
});
export type FindingPatterns = z.infer<typeof FindingPatterns>;

const Example = z.string().trim().min(1);

/** One topic's vocabulary (content/lexicon/*.yaml): concepts and the finding rules built on them. */
export const LexiconPart = z.object({
  concepts: z.record(ConceptName, Phrases).default({}),
  findings: z.partialRecord(FindingId, FindingPatterns).default({}),
});
export type LexiconPart = z.infer<typeof LexiconPart>;

/** content/lexicon.yaml: everything but the topics' concepts and rules, which the loader merges in. */
export const LexiconCore = z.object({
  /** Whole-word contractions and common apostrophe-less spellings: "can't" → "can not", "dont" → "do not". */
  contractions: z.record(z.string(), z.string()),
  /** Words skipped inside phrase matching: "lost any weight" matches "lost weight". */
  fillers: z.array(z.string()),
  /** Everyday words that are spelled right even though no concept uses them (never "corrected"). */
  knownWords: z.array(z.string()),
  /** ConText cue phrases (src/nlu/context.ts). */
  cues: z.object({
    negationBefore: Phrases,     // negates a concept that follows, within the clause
    negationAfter: Phrases,      // "temperature's normal": negates a concept that precedes, within the clause
    pseudoTriggers: Phrases,     // look like negations but are not: "no change", "not only", "no doubt"
    scopeBreakers: Phrases,      // words that end a negation's scope ("and", "but", "because")
    clauseBreakers: Phrases,     // "but", "though": a new clause
    followOn: Phrases,           // a sentence opening like this ("Now I can't…") continues the one before it
    clauseStarts: Phrases,       // a segment after a comma that opens with these is a new clause, not a list item
    hedges: Phrases,             // possible: "I think", "maybe"
    historical: Phrases,         // long past and over: "years ago", "fine after", "as a kid"
    current: Phrases,            // back to now after a historical cue: "ever since", "again", "now"
    hypothetical: Phrases,       // asked about or feared: "what if", "is it a bad sign", "worried about"
    questionStarts: Phrases,     // a sentence that opens like a question: "is", "does", "should"
    figurative: Phrases,         // "with shock", "after the gym": next to a symptom word, not a symptom
    otherPerson: Phrases,        // relatives and others
    notOtherPerson: Phrases,     // look like another person but are not: "like someone", "as if somebody"
    reporting: Phrases,          // "my wife noticed", "he says": someone reports what the patient has
    ageBefore: Phrases,          // "when I was 15", "aged 20": an age told as a time, long past
    patientObjects: Phrases,
    otherPronouns: Phrases,      // "when he needs the toilet": inside a mention, someone else has it
    places: Phrases,             // "at my gym": a place; the "my" does not make the mention the patient's
    anaphora: Phrases,           // "but that sorted itself out years ago": the past cue points back across "but"     // "hit me", "rear-ended us": the patient is what happened to, whoever did it
    hypotheticalStarts: Phrases, // a sentence that opens "say…", "suppose…" is hypothetical throughout
    firstPerson: Phrases,        // "i", "me", "my": the patient is the subject again
    correction: Phrases,         // "actually", "I meant": the message corrects an earlier answer
  }),
  polarity: z.object({
    yes: Phrases, no: Phrases, unsure: Phrases,
    /** A plain yes, which counts wherever it stands in the answer. */
    strongYes: Words,
    /** Words people put before an answer ("erm, not sure", "well yeah") and after it ("no, thanks"). */
    interjections: Words,
    tailWords: Words,
    /** Words said before the answer itself, skipped: "thankfully", "I'm pleased to say", "heavens". */
    lead: z.array(Phrase).default([]),
    /** A hedged yes ("I think so", "maybe a bit"): with words about the asked topic it is a yes (safety first). */
    hedgedYes: z.array(Phrase).default([]),
  }),
  adherence: z.object({
    high: Phrases, partial: Phrases, low: Phrases,
    /** "I don't keep track": says nothing about adherence (the bot re-asks); hides the words it covers. */
    unsure: z.array(Phrase).default([]),
    /** Words that put a frequency on clinic sessions ("twice a week at the clinic"): not the home exercises'. */
    sessionWords: z.array(Phrase).default([]),
    /** Words that put a frequency on the home exercises ("the home ones daily"). */
    homeWords: z.array(Phrase).default([]),
    /**
     * Words that make a sentence about PT itself, so that a duration or frequency said in passing counts
     * ("8 weeks of physio"). One word each; a trailing * matches any word it begins ("physio*").
     */
    ptWords: z.array(z.string().regex(/^[a-z]+\*?$/)).default([]),
  }),
  progress: z.object({
    better: Phrases, same: Phrases, worse: Phrases, unsure: Phrases,
    /** Look like progress words but answer nothing: "better or worse compared to when?". */
    neutral: z.array(Phrase).default([]),
    /** A progress phrase after one of these sums the answer up and decides: "overall I'd call it a wash". */
    summary: z.array(Phrase).default([]),
  }),
  numbers: z.object({
    words: z.record(z.string(), z.number()),
    /** Weeks per unit: week 1, month 4.35, year 52, day 1/7. */
    durationUnits: z.record(z.string(), z.number()),
    /** Fixed frequency phrases in days per week: "most days" 5, "every day" 7. */
    frequencies: z.record(z.string(), z.number()),
    /** Each month's name, then its other names, space-separated: "september sept sep". */
    months: z.array(z.string()).length(12),
    /** "started 3 weeks ago": these words before a duration with "ago" make it the length of PT so far. */
    startWords: z.array(z.string()).default([]),
    /** Who started: "I started" is PT; "it started" is the pain. Without a subject the answer is about PT. */
    startSubjects: z.array(z.string()).default([]),
    /** Seasons and the month (1-12) each starts in, northern hemisphere, meteorological: summer 6. */
    seasons: z.record(z.string(), z.number().int().min(1).max(12)).default({}),
    /** Named days people date from: "MM-DD", or "easter" with an optional day offset ("easter-2"). */
    holidays: z.record(z.string(), z.string().regex(/^(\d\d-\d\d|easter([+-]\d{1,2})?)$/)).default({}),
    /** Before a date, these make it the start of PT: "since", "started", "my first session was on…". */
    dateStartWords: Words,
    /** Between two numbers, a range: "3 or 4", "5 to 6". */
    rangeWords: Words,
    /** Before a unit, "per": "3 times a week", "twice per month". */
    perWords: Words,
    /** What a frequency counts: "3 times", "4 days", "2 sessions". */
    countWords: Words,
    /** Words that end the clause a frequency belongs to ("twice a week at the clinic, and the home ones daily"). */
    clauseWords: Words,
    /** The days of the week, Sunday first (the order is the calendar's). */
    weekdays: z.array(z.string().regex(/^[a-z]+$/)).length(7),
    /** After a number, an ordinal: "the 15th". */
    ordinalSuffixes: Words,
    /** "N times a <unit>": the units of a frequency; each one's days a week come from `durationUnits`. */
    frequencyUnits: Words,
    /** Numbers said as how many times, never a day of the month: "twice a week". */
    timesWords: Words,
    /** "ten sessions so far, one a week": what counts PT by the session. */
    sessionNouns: Words,
    /** "may" is a month only where a date is expected: after one of these, a date start word or a period part. */
    datePrepositions: Words,
    /**
     * Parts of a period: "the start of March", "mid-summer", "since the end of the year". `seasonMonth` (0-2) and
     * `seasonDay` place the part in a season (and so in the year or the month); `monthDay` in a named month.
     */
    periodParts: z.record(z.string(), z.object({
      seasonMonth: z.number().int().min(0).max(2),
      seasonDay: z.number().int().min(1).max(31),
      monthDay: z.number().int().min(1).max(31),
    })),
  }).superRefine((n, ctx) => {
    n.frequencyUnits.forEach((u, i) => {
      if (!n.durationUnits[u]) ctx.addIssue({ code: 'custom', path: ['frequencyUnits', i], message: `${u} needs its length in durationUnits` });
    });
  }),
  /** Small words the readers need to know the shape of a sentence. */
  grammar: z.object({
    /** A message opening with one of these, then an auxiliary and a pronoun, asks: "does it count if…". */
    questionOpeners: Words,
    auxiliaries: Words,
    pronouns: Words,
    /** Articles and possessives skipped in answers ("do my exercises"); "some", "all", "half" are the answer itself. */
    answerFillers: Words,
  }),
  /**
   * Telling a message in another language from English: common words per language (lower case, as typed,
   * before spelling correction). `en` is the reference the others are compared with.
   */
  languages: z.object({
    en: Phrases,
    others: z.record(z.string().regex(/^[a-z]{2}$/), Phrases),
  }),
  intents: z.object({
    threshold: z.number().min(0).max(1),
    /** Before a glossary term: "what is an MRI", "what's the L5". */
    articles: Words,
    /** Words that carry no intent: how much of a message an intent's examples cover is measured on the others. */
    functionWords: Words,
    /** Training examples per intent; `none` holds symptom talk and answers, so they are never taken for an intent. */
    examples: z.record(z.string(), z.array(Example).min(1)),
    /** Intents that clear data (restart, forget) count only when one of these phrases is in the message. */
    commands: z.record(z.string(), Phrases).default({}),
    /** Leading phrases that ask for a definition: "what is", "what does ... mean". */
    definePrefixes: Phrases,
    defineSuffixes: Phrases,
  }),
});
export type Lexicon = z.infer<typeof LexiconCore> & LexiconPart;
