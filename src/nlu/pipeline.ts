/**
 * From raw text to corrected, stemmed tokens split into sentences: the shared first step of every reader.
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { GlossaryEntry } from '../knowledge/schemas.js';
import { createNormaliser, isBoundary, isSentenceEnd, type Normaliser } from './normalise.js';
import type { Token } from './phrases.js';
import { everydayWords } from './dictionary.js';
import { createSpeller, stem, type Speller } from './spelling.js';

/** Tokens beyond this are ignored: keeps analyse linear and bounded on pasted essays. */
const MAX_TOKENS = 400;

export interface Prepared {
  normalized: string;
  tokens: Token[];        // the whole message, "," as boundary tokens, sentence ends removed
  sentences: Token[][];
  /** asks[i]: sentence i ended in "?". */
  asks: boolean[];
}

export class Pipeline {
  readonly normaliser: Normaliser;
  readonly fillers: ReadonlySet<string>;
  private readonly speller: Speller;

  constructor(lex: Lexicon, glossary: readonly GlossaryEntry[]) {
    this.normaliser = createNormaliser(lex.contractions);
    this.fillers = new Set(lex.fillers);
    const words = (phrases: Iterable<string>): string[] => {
      const out: string[] = [];
      for (const p of phrases) for (const w of this.normaliser.tokens(p.replace(/\*/g, ' '))) if (!isBoundary(w)) out.push(w);
      return out;
    };
    // Correction targets: every word the lexicon cares about, so a typo lands on a meaningful word.
    const targets = words([
      ...Object.values(lex.concepts).flat(),
      ...Object.values(lex.cues).flat(),
      // Not the words around an answer ("umm", "ta"): a typo of a symptom word must not land on them.
      ...Object.entries(lex.polarity).filter(([k]) => k !== 'interjections' && k !== 'tailWords').flatMap(([, v]) => v),
      // Not ptWords: prefixes such as "therap*" are no word to correct a typo to.
      ...Object.entries(lex.adherence).filter(([group]) => group !== 'ptWords').flatMap(([, phrases]) => phrases),
      ...Object.values(lex.progress).flat(),
      ...Object.keys(lex.numbers.words), ...Object.keys(lex.numbers.durationUnits),
      ...Object.keys(lex.numbers.frequencies), ...lex.numbers.months,
      ...Object.keys(lex.numbers.seasons), ...Object.keys(lex.numbers.holidays),
      ...Object.values(lex.intents.examples).flat(),
      ...lex.knownWords,
    ]);
    const known = [...targets, ...words(glossary.flatMap((g) => [g.term, ...g.aliases])), ...lex.fillers,
      ...lex.polarity.interjections, ...lex.polarity.tailWords];
    this.speller = createSpeller(targets, known, everydayWords());
  }

  prepare(text: string): Prepared {
    const raw = this.normaliser.tokens(text).slice(0, MAX_TOKENS);
    const tokens: Token[] = [];
    const sentences: Token[][] = [];
    const asks: boolean[] = [];
    let current: Token[] = [];
    const parts: string[] = [];
    for (const r of raw) {
      parts.push(r);
      if (isSentenceEnd(r)) {
        if (current.length) { sentences.push(current); asks.push(r === '?'); }
        current = [];
        continue;
      }
      const tok: Token = r === ','
        ? { w: ',', s: ',', b: true }
        : (() => { const w = this.speller.correct(r); return { w, s: stem(w), b: false }; })();
      tokens.push(tok);
      current.push(tok);
    }
    if (current.length) { sentences.push(current); asks.push(false); }
    return { normalized: parts.join(' ').replace(/ ([,.?])/g, '$1'), tokens, sentences, asks };
  }

  /** Tokens of a phrase (no spelling correction): used to build classifiers and term tables. */
  phraseTokens(text: string): Token[] {
    return this.normaliser.tokens(text).filter((w) => !isSentenceEnd(w)).map((w) => (w === ',' ? { w, s: w, b: true } : { w, s: stem(w), b: false }));
  }
}
