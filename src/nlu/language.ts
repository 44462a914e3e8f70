/**
 * Is this message clearly in another language? The bot works in English for now, and says so rather than
 * answering a Spanish sentence with "I didn't get that". Read from the raw words: spelling correction
 * would turn foreign words into English ones.
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';

/** Letters of scripts other than Latin (CJK, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul…). */
const NON_LATIN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}]/gu;
const LETTER = /\p{L}/gu;
const WORD = /\p{L}+/gu;
/** Looking further than this into a long message changes nothing. */
const MAX_CHARS = 2000;

export class LanguageGuesser {
  private readonly english: ReadonlySet<string>;
  private readonly others: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(lex: Lexicon) {
    this.english = new Set(lex.languages.en);
    this.others = new Map(Object.entries(lex.languages.others).map(([code, words]) => [code, new Set(words)]));
  }

  /** An ISO 639-1 code for a message clearly not in English ('xx' for an unlisted script), else null. */
  guess(raw: string): string | null {
    const text = raw.slice(0, MAX_CHARS).toLowerCase();
    const letters = text.match(LETTER)?.length ?? 0;
    if (letters === 0) return null;
    if ((text.match(NON_LATIN)?.length ?? 0) / letters > 0.5) return 'xx';
    const words = text.match(WORD) ?? [];
    const english = words.filter((w) => this.english.has(w)).length;
    let best: string | null = null;
    let bestCount = 0;
    for (const [code, set] of this.others) {
      const count = words.filter((w) => set.has(w)).length;
      if (count > bestCount) { best = code; bestCount = count; }
    }
    return bestCount >= 2 && bestCount > english ? best : null;
  }
}
