/**
 * Second Look's intent matcher. Pure functions of the text and the content passed in: no file or network
 * access, no Bot Framework types. Never throws: any failure yields an empty analysis.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Judge } from '../knowledge/mentions.js';
import type { GlossaryEntry, Question } from '../knowledge/schemas.js';
import { FindingDetector } from './findings.js';
import { IntentClassifier } from './intents.js';
import { LanguageGuesser } from './language.js';
import { interpretAnswer } from './interpret.js';
import { NumberReader } from './numbers.js';
import { Pipeline, type Prepared } from './pipeline.js';
import { AnswerReader } from './polarity.js';
import type { Analysis, AnswerUpdate, MessageReading } from './types.js';

export type { Analysis, AnswerUpdate, FindingMention, IntentMatch, MessageReading, Polarity, GlobalIntent } from './types.js';

/** How a message is read, step by step: what `npm run explain` prints. */
export interface Reading {
  sentences: { words: string; asks: boolean; concepts: { concept: string; words: string }[]; cues: { cue: string; words: string }[] }[];
  analysis: Analysis;
}

export interface Matcher {
  /** The message read once; the interview asks the reading for the message as an answer. */
  read(text: string): MessageReading;
  /** read(text).analysis, for tools and tests. */
  analyse(text: string): Analysis;
  /** read(text).answer(question, final), for tools and tests. */
  interpret(question: Question, text: string, final: boolean): AnswerUpdate;
  explain(text: string): Reading;
}

export interface MatcherOptions {
  lexicon: Lexicon;
  glossary: readonly GlossaryEntry[];
  /** What a mention's qualifiers mean (given by src/understanding.ts): the matcher only reports them. */
  judge: Judge;
  /** Today, for "since mid-January"; tests pin it. */
  now?: () => Date;
}

const empty = (normalized = ''): Analysis => ({
  normalized, findings: [], polarity: null, weeks: null, perWeek: null, aboutExercises: false, adherence: null, progress: null, intent: null, correcting: false, aboutPt: false, language: null,
});

export function createMatcher(opts: MatcherOptions): Matcher {
  const { lexicon, glossary } = opts;
  const pipe = new Pipeline(lexicon, glossary);
  const detector = new FindingDetector(lexicon, pipe.fillers, pipe.normaliser, opts.judge, opts.now);
  const numbers = new NumberReader(lexicon, pipe.fillers, pipe.normaliser, opts.now ?? (() => new Date()));
  const answers = new AnswerReader(lexicon, pipe.fillers, pipe.normaliser);
  const intents = new IntentClassifier(lexicon, glossary, (t) => pipe.phraseTokens(t));
  const languages = new LanguageGuesser(lexicon);
  const ptWords = lexicon.adherence.ptWords;
  const ptWhole = new Set(ptWords.filter((w) => !w.endsWith('*')));
  const ptPrefixes = ptWords.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1));
  const aboutPt = (word: string): boolean => ptWhole.has(word) || ptPrefixes.some((prefix) => word.startsWith(prefix));
  // A mention of one of these findings is itself talk about the exercises ("I skip them most days").
  const exerciseTalk = new Set(Object.entries(lexicon.findings).filter(([, p]) => p?.aboutExercises).map(([id]) => id));

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
          || !findings.some((f) => (f.status === 'present' || f.status === 'suspected') && !exerciseTalk.has(f.id)),
        adherence: answers.readAdherence(p.tokens),
        progress: answers.readProgress(p.tokens),
        // Findings read in another language still count (the dialogs check emergencies before intents).
        intent: language ? { name: 'language', confidence: 1 } : intents.classify(p.tokens, present),
        correcting: detector.context.corrects(p.tokens),
        aboutPt: p.tokens.some((t) => !t.b && aboutPt(t.w)),
        language,
      };
    } catch {
      return empty();
    }
  }

  /** The message read once: its analysis, and its reading as an answer to any question, from the same tokens. */
  function read(text: unknown): MessageReading {
    const raw = typeof text === 'string' ? text : '';
    let p: Prepared;
    let analysis: Analysis;
    try {
      p = pipe.prepare(raw);
      analysis = analysisOf(raw, p);
    } catch {
      return { text: raw, analysis: empty(), answer: () => ({ outcome: 'unclear', findings: {} }) };
    }
    const answer = (question: Question, final: boolean, value?: string): AnswerUpdate => {
      // A clicked button's value is its own short text.
      if (value !== undefined && value !== raw) return read(value).answer(question, final);
      try {
        return interpretAnswer(question, answerFrame(p, analysis), final);
      } catch {
        return { outcome: 'unclear', findings: {} };
      }
    };
    return { text: raw, analysis, answer };
  }

  /** What the answer interpreter needs to know about the message, in the question's terms. */
  function answerFrame(p: Prepared, analysis: Analysis) {
    const words = p.tokens.filter((t) => !t.b);
    const bare = words.length <= 3 ? words.map((_, i) => numbers.value(words, i)).find((n) => n !== null) ?? null : null;
    const asking = p.sentences.map((toks, i) => detector.context.asks(toks, p.asks[i] ?? false));
    const questionForm = asking.length > 0 && asking.every(Boolean);
    return {
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
    };
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

  return {
    read,
    analyse: (text) => read(text).analysis,
    interpret: (question, text, final) => read(text).answer(question, final),
    explain,
  };
}

export { statusesOf } from './interpret.js';
