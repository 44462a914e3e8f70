/**
 * Text normalisation: one canonical lower-case form for user text and lexicon phrases alike, so that both
 * sides of every comparison went through exactly the same steps.
 */

/** Work is capped so a 20,000-character paste cannot stall the bot; red flags come early in real messages. */
export const MAX_CHARS = 2000;

/** A word, a number, or a boundary mark: "," (clause), "." (sentence) and "?" (a sentence that asks). */
export type RawToken = string;

const APOS = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
// Control characters and most symbols become spaces; emoji and other scripts are dropped the same way.
const JUNK = /[^a-z0-9'.,;:!?\-\s/&+%]/g;

export interface Normaliser {
  /** Lower-cased, contractions expanded, punctuation reduced to "," and "." tokens. */
  tokens(text: string): RawToken[];
}

export function createNormaliser(contractions: Readonly<Record<string, string>>): Normaliser {
  const table = new Map<string, string[]>();
  for (const [k, v] of Object.entries(contractions)) table.set(k.toLowerCase(), v.toLowerCase().split(/\s+/));

  function expandWord(word: string, out: string[]): void {
    const direct = table.get(word);
    if (direct) { out.push(...direct); return; }
    if (word.includes("'")) {
      // Generic suffix rules after the whole-word table: "shouldn't", "leg's", "we've".
      const m = /^(.*?)(n't|'ve|'m|'re|'ll|'d|'s|s')$/.exec(word);
      if (m) {
        const stem = m[1] ?? '';
        const suffix = m[2];
        const tail = suffix === "n't" ? 'not' : suffix === "'ve" ? 'have' : suffix === "'m" ? 'am'
          : suffix === "'re" ? 'are' : suffix === "'ll" ? 'will' : suffix === "'d" ? 'would'
            : suffix === "'s" ? 'is' : '';
        if (stem) expandWord(stem.replace(/'/g, ''), out);
        if (suffix === "s'") out.push('s'); // plural possessive: keep it a plural-looking word
        if (tail) out.push(tail);
        return;
      }
      expandWord(word.replace(/'/g, ''), out);
      return;
    }
    if (word) out.push(word);
  }

  function tokens(text: string): RawToken[] {
    let t = typeof text === 'string' ? text : String(text ?? '');
    if (t.length > MAX_CHARS) t = t.slice(0, MAX_CHARS);
    // One plain lower-case word (most lexicon and dictionary entries at start-up): nothing below would change it.
    if (/^[a-z]+$/.test(t)) {
      const out: string[] = [];
      expandWord(t, out);
      return out;
    }
    t = t.normalize('NFKC').toLowerCase().replace(APOS, "'").replace(JUNK, ' ');
    t = t
      .replace(/(\d)\s*-\s*(\d)/g, '$1 to $2')        // "6-7 weeks"
      .replace(/(\d)\s*x\b/g, '$1 x')                  // "3x a week"
      .replace(/(\d)([a-z])/g, '$1 $2')                // "5wks"
      .replace(/(\d+)\s*\/\s*(\d+)/g, '$1 $2')         // "24/7", "9/10"
      .replace(/&/g, ' and ')
      .replace(/\s-+\s|--+/g, ' , ')                   // a dash between words marks a clause
      .replace(/(\w)-(\w)/g, '$1 $2');                 // "all-clear", "weeks-ish", "mid-january"
    const out: string[] = [];
    const re = /[a-z0-9']+(?:\.\d+)?|[.!?;]+|[,:]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) {
      const w = m[0];
      // A sentence ends in "." or, when it asks something, "?" (a question is not a report: see context.ts).
      if (/^[.!?;]+$/.test(w)) {
        const end = w.includes('?') ? '?' : '.';
        if (out.length && isSentenceEnd(out[out.length - 1]!)) out[out.length - 1] = end === '?' ? '?' : out[out.length - 1]!;
        else if (out.length) out.push(end);
        continue;
      }
      if (w === ',' || w === ':') { if (out.length && out[out.length - 1] !== ',' && !isSentenceEnd(out[out.length - 1]!)) out.push(','); continue; }
      expandWord(w.replace(/^'+|'+$/g, ''), out);
    }
    return out;
  }

  return { tokens };
}

export const isSentenceEnd = (t: string): boolean => t === '.' || t === '?';
export const isBoundary = (t: string): boolean => t === ',' || isSentenceEnd(t);
