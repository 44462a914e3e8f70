/**
 * Second Look's intent matcher. Pure functions of the text and the content passed in: no file or network
 * access, no Bot Framework types. Never throws: any failure yields an empty analysis.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { GlossaryEntry, Question } from '../knowledge/schemas.js';
import { FindingDetector } from './findings.js';
import { IntentClassifier } from './intents.js';
import { LanguageGuesser } from './language.js';
import { interpretAnswer } from './interpret.js';
import { NumberReader } from './numbers.js';
import { Pipeline, type Prepared } from './pipeline.js';
import { AnswerReader } from './polarity.js';
import type { Analysis, AnswerUpdate, Judge } from './types.js';

export type { Analysis, AnswerUpdate, FindingMention, IntentMatch, Judge, Polarity, GlobalIntent, Qualifiers } from './types.js';

/** How a message is read, step by step: what `npm run explain` prints. */
export interface Reading {
  sentences: { words: string; asks: boolean; concepts: { concept: string; words: string }[]; cues: { cue: string; words: string }[] }[];
  analysis: Analysis;
}

export interface Matcher {
  analyse(text: string): Analysis;
  interpret(question: Question, text: string, final: boolean): AnswerUpdate;
  explain(text: string): Reading;
}

export interface MatcherOptions {
  lexicon: Lexicon;
  glossary: readonly GlossaryEntry[];
  /** Triage's reading of a mention's qualifiers (src/triage/mentions.ts): the matcher only reports them. */
  judge: Judge;
  /** Today, for "since mid-January"; tests pin it. */
  now?: () => Date;
}

/** How long a reading of a text is reused (see read() in createMatcher). */
const REUSE_MS = 1000;

const empty = (normalized = ''): Analysis => ({
  normalized, findings: [], polarity: null, weeks: null, perWeek: null, aboutExercises: false, adherence: null, progress: null, intent: null, correcting: false, language: null,
});

export function createMatcher(opts: MatcherOptions): Matcher {
  const { lexicon, glossary } = opts;
  const pipe = new Pipeline(lexicon, glossary);
  const detector = new FindingDetector(lexicon, pipe.fillers, pipe.normaliser, opts.judge, opts.now);
  const numbers = new NumberReader(lexicon, pipe.fillers, pipe.normaliser, opts.now ?? (() => new Date()));
  const answers = new AnswerReader(lexicon, pipe.fillers, pipe.normaliser);
  const intents = new IntentClassifier(lexicon, glossary, (t) => pipe.phraseTokens(t));
  const languages = new LanguageGuesser(lexicon);

  function analysisOf(raw: string, p: Prepared): Analysis {
    try {
      const language = languages.guess(raw);
      if (p.tokens.length === 0) return { ...empty(p.normalized), language, intent: language ? { name: 'language', confidence: 1 } : null };
      const findings = detector.detect(p.sentences, p.asks);
      const present = findings.some((f) => f.status === 'present' || f.status === 'suspected');
      return {
        normalized: p.normalized,
        findings,
        polarity: answers.readPolarity(p.tokens, detector.covered(p.sentences)),
        weeks: numbers.weeks(p.tokens),
        perWeek: numbers.perWeek(p.tokens),
        // Said of the exercises by name, or with nothing else in the message it could be about ("8 weeks of PT,
        // every day"; but "still stiff every morning" is the stiffness).
        aboutExercises: numbers.aboutExercises(p.tokens)
          || !findings.some((f) => (f.status === 'present' || f.status === 'suspected') && f.id !== 'low_adherence'),
        adherence: answers.readAdherence(p.tokens),
        progress: answers.readProgress(p.tokens),
        // Findings read in another language still count (the dialogs check emergencies before intents).
        intent: language ? { name: 'language', confidence: 1 } : intents.classify(p.tokens, present),
        correcting: detector.context.corrects(p.tokens),
        language,
      };
    } catch {
      return empty();
    }
  }

  // A turn reads its text up to three times (the turn's analysis, then interpret() for the pending question, once
  // more when the text also looks like a request), so the last reading is reused for a moment: each turn prepares
  // and analyses its text once. A second is far below the tenth of a week that durations are rounded to.
  let last: { raw: string; at: number; prepared: Prepared; analysis: Analysis } | undefined;
  function read(text: unknown): { prepared: Prepared; analysis: Analysis } {
    const raw = typeof text === 'string' ? text : '';
    const at = Date.now();
    if (last && last.raw === raw && at - last.at < REUSE_MS) return last;
    const prepared = pipe.prepare(raw);
    last = { raw, at, prepared, analysis: analysisOf(raw, prepared) };
    return last;
  }

  function analyse(text: string): Analysis {
    try {
      return read(text).analysis;
    } catch {
      return empty();
    }
  }

  function interpret(question: Question, text: string, final: boolean): AnswerUpdate {
    try {
      const { prepared: p, analysis } = read(text);
      const words = p.tokens.filter((t) => !t.b);
      const bare = words.length <= 3 ? words.map((_, i) => numbers.value(words, i)).find((n) => n !== null) ?? null : null;
      const asking = p.sentences.map((toks, i) => detector.context.asks(toks, p.asks[i] ?? false));
      const questionForm = asking.length > 0 && asking.every(Boolean);
      return interpretAnswer(question, {
        analysis,
        inContext: (asks: readonly FindingId[]) => detector.detect(p.sentences, p.asks, asks),
        describes: (asks: readonly FindingId[]) => detector.describes(p.sentences, asks),
        contrast: p.sentences.some((toks) => detector.context.contrasts(toks)),
        hedgedYes: answers.hedgedYes(p.tokens),
        asksBack: analysis.intent?.name === 'define' || analysis.intent?.name === 'why' || questionForm,
        questionForm,
        noAboutOther: (asks: readonly FindingId[]) => {
          const first = p.sentences[0] ?? [];
          const clause = detector.context.clauses(first);
          const head = first.filter((_, i) => clause[i] === clause[0]);
          return detector.detect([head], [false]).some((m) => m.status === 'absent' && !asks.includes(m.id));
        },
        bareNumber: bare,
      }, final);
    } catch {
      return { outcome: 'unclear', findings: {} };
    }
  }

  function explain(text: string): Reading {
    const p = pipe.prepare(text);
    return {
      sentences: p.sentences.map((toks, i) => ({
        words: toks.map((t) => t.w).join(' '),
        asks: p.asks[i] ?? false,
        concepts: detector.concepts(toks).map((m) => ({ concept: m.label, words: toks.slice(m.start, m.end).map((t) => t.w).join(' ') })),
        cues: detector.cues(toks, p.asks[i] ?? false).map((m) => ({ cue: m.kind, words: toks.slice(m.start, m.end).map((t) => t.w).join(' ') })),
      })),
      analysis: analysisOf(text, p),
    };
  }

  return { analyse, interpret, explain };
}

export { adherenceFrom, statusesOf } from './interpret.js';
