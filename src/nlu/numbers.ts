/**
 * Numbers in answers: how long PT has gone on (weeks) and how often exercises are done (days per week).
 * Handles digits and words, ranges ("6 or 7 weeks" → 6.5), "a couple of weeks", "half a year",
 * "since mid-January" and fixed phrases ("most days").
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Token } from './phrases.js';

const RANGE_WORDS = new Set(['or', 'to']);
const PER_WORDS = new Set(['a', 'an', 'per', 'each', 'every']);
const COUNT_WORDS = new Set(['times', 'time', 'x', 'days', 'day', 'sessions', 'session', 'mornings', 'evenings', 'nights']);

export class NumberReader {
  private readonly words: ReadonlyMap<string, number>;
  private readonly units: ReadonlyMap<string, number>;
  private readonly freq: PhraseSet<number>;

  constructor(private readonly lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser, private readonly now: () => Date) {
    this.words = new Map(Object.entries(lex.numbers.words));
    this.units = new Map(Object.entries(lex.numbers.durationUnits));
    this.freq = new PhraseSet<number>(fillers, norm);
    for (const [phrase, n] of Object.entries(lex.numbers.frequencies)) this.freq.add(n, phrase);
  }

  /** A number at token i (digits or a number word), or null. */
  value(toks: readonly Token[], i: number): number | null {
    const w = toks[i]?.w;
    if (w === undefined) return null;
    if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
    return this.words.get(w) ?? null;
  }

  /** The number ending at token `end` (inclusive), with ranges and "and a half": [value, first index]. */
  private numberBefore(toks: readonly Token[], end: number): [number, number] | null {
    let j = end;
    if (toks[j]?.w === 'of') j -= 1;                    // "a couple of weeks"
    if (toks[j]?.w === 'half' && toks[j - 1]?.w === 'a' && toks[j - 2]?.w === 'and') {
      const base = this.numberBefore(toks, j - 3);         // "one and a half months"
      return base ? [base[0] + 0.5, base[1]] : null;
    }
    const v = this.value(toks, j);
    if (v === null) return null;
    let start = j;
    let value = v;
    if ((toks[j]?.w === 'a' || toks[j]?.w === 'an') && toks[j - 1]?.w === 'half') return [0.5, j - 1]; // "half a year"
    if ((toks[j]?.w === 'couple' || toks[j]?.w === 'few') && toks[j - 1]?.w === 'a') start = j - 1;
    const sep = toks[start - 1]?.w;
    if (sep !== undefined && RANGE_WORDS.has(sep)) {
      const lo = this.value(toks, start - 2);
      if (lo !== null && lo < value) { value = (lo + value) / 2; start -= 2; }
    }
    return [value, start];
  }

  /** Weeks of PT mentioned, or null. Durations ending in "ago" are dates, not lengths. */
  weeks(toks: readonly Token[]): number | null {
    for (let u = 0; u < toks.length; u += 1) {
      const perUnit = this.units.get(toks[u]!.w);
      if (perUnit === undefined) continue;
      const next = toks[u + 1]?.w;
      if (next === 'ago') continue;
      if (next !== undefined && PER_WORDS.has(next) && /^(week|day|month)$/.test(toks[u + 2]?.w ?? '')) continue; // "3 days a week"
      if (PER_WORDS.has(toks[u - 1]?.w ?? '') && COUNT_WORDS.has(toks[u - 2]?.w ?? '')) continue; // "3 times a week"
      if (toks[u - 1]?.w === 'a' && /^(once|twice|thrice)$/.test(toks[u - 2]?.w ?? '')) continue;
      const n = this.numberBefore(toks, u - 1);
      if (!n) continue;
      const weeks = n[0] * perUnit;
      if (weeks > 0 && weeks < 1000) return Math.round(weeks * 10) / 10;
    }
    return this.sinceMonth(toks);
  }

  /** "since mid-January": weeks from that point to today. */
  private sinceMonth(toks: readonly Token[]): number | null {
    for (let i = 0; i < toks.length; i += 1) {
      if (toks[i]!.w !== 'since') continue;
      let j = i + 1;
      let day = 1;
      const part = toks[j]?.w;
      if (part === 'mid' || part === 'middle') { day = 15; j += 1; }
      else if (part === 'late' || part === 'end') { day = 25; j += 1; }
      else if (part === 'early' || part === 'start' || part === 'beginning') { day = 3; j += 1; }
      if (toks[j]?.w === 'of') j += 1;
      const month = this.lex.numbers.months.indexOf(toks[j]?.w ?? '');
      if (month < 0) continue;
      const now = this.now();
      let from = new Date(now.getFullYear(), month, day);
      if (from > now) from = new Date(now.getFullYear() - 1, month, day);
      return Math.round(((now.getTime() - from.getTime()) / (7 * 86400000)) * 10) / 10;
    }
    return null;
  }

  /** Days per week of exercise or sessions, or null. */
  perWeek(toks: readonly Token[]): number | null {
    for (let u = 0; u < toks.length; u += 1) {
      const unit = toks[u]!.w;
      if (unit !== 'week' && unit !== 'day') continue;
      if (!PER_WORDS.has(toks[u - 1]?.w ?? '')) continue;
      let j = u - 2;
      if (COUNT_WORDS.has(toks[j]?.w ?? '')) j -= 1;
      const n = this.numberBefore(toks, j);
      if (!n || n[0] <= 0) continue;
      if (unit === 'day') return 7;                // "twice a day": every day
      if (n[0] <= 7) return n[0];
    }
    const m = this.freq.longest(toks)[0];
    return m ? m.label : null;
  }
}
