/**
 * Typo tolerance: an unknown word of four or more letters is replaced by the closest lexicon word when the
 * two are clearly the same word misspelled ("incontinance", "numbnes", "privats"). Known everyday words are
 * never touched, so "bowl" does not become "bowel".
 */
import * as distance from 'natural/lib/natural/distance/index.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

// Deep imports: the package root loads databases and reads .env (see NOTES.md); the stemmers index loads
// every language's stemmer, so the Porter stemmer comes from its own file.
const { DamerauLevenshteinDistance, JaroWinklerDistance } = distance;

const stemCache = new Map<string, string>();
/** Porter stem, cached: the same few hundred words recur in every message. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
    if (stemCache.size > 20000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export interface Speller {
  correct(word: string): string;
  isKnown(word: string): boolean;
}

/**
 * @param targets words a typo may be corrected to (the lexicon's meaningful vocabulary)
 * @param known words that are never corrected, nor any word with the same stem (the lexicon's own words)
 * @param everyday dictionary words that are never corrected themselves (exact spelling only: "acident" shares
 *   the stem of "acid" but is a typo of "accident")
 */
export function createSpeller(targets: Iterable<string>, known: Iterable<string>, everyday: Iterable<string> = []): Speller {
  const everydaySet = new Set(everyday);
  const knownSet = new Set<string>();
  const knownStems = new Set<string>();
  for (const w of known) { knownSet.add(w); knownStems.add(stem(w)); }
  // Candidates bucketed by length so a lookup compares against a few hundred words, not thousands.
  const byLength = new Map<number, string[]>();
  for (const w of new Set(targets)) {
    if (!/^[a-z]{3,}$/.test(w)) continue;
    knownSet.add(w); knownStems.add(stem(w));
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  const cache = new Map<string, string>();

  const isKnown = (w: string): boolean => knownSet.has(w) || everydaySet.has(w) || knownStems.has(stem(w));

  function best(word: string): string {
    const n = word.length;
    // Three-letter words only gain a missing letter ("fal" → "fall"); longer words allow one or two edits.
    const maxEdits = n <= 3 ? 1 : n <= 5 ? 1 : 2;
    const lengths = n <= 3 ? [n + 1] : [n - 1, n, n + 1, ...(maxEdits > 1 ? [n - 2, n + 2] : [])];
    let bestWord = word;
    let bestScore = -Infinity;
    for (const len of lengths) {
      for (const cand of byLength.get(len) ?? []) {
        // Cheap pre-filter: a typo rarely changes both the first and the last letter.
        if (cand[0] !== word[0] && cand[cand.length - 1] !== word[n - 1]) continue;
        const d = DamerauLevenshteinDistance(word, cand);
        if (d > maxEdits) continue;
        if (n <= 3 && !(cand.startsWith(word.slice(0, 2)))) continue;
        const jw = JaroWinklerDistance(word, cand);
        if (jw < 0.84) continue;
        const score = jw - d * 0.1;
        if (score > bestScore) { bestScore = score; bestWord = cand; }
      }
    }
    return bestWord;
  }

  function correct(word: string): string {
    if (word.length < 3 || word.length > 24 || !/^[a-z]+$/.test(word) || isKnown(word)) return word;
    let c = cache.get(word);
    if (c === undefined) {
      c = best(word);
      if (cache.size > 5000) cache.clear();
      cache.set(word, c);
    }
    return c;
  }

  return { correct, isKnown };
}
