/**
 * Phrase matching over stemmed tokens. Lexicon phrases and user text go through the same normaliser and
 * stemmer; fillers ("my", "any", "the") are skipped inside a match and `*` allows a short gap, so one phrase
 * "lost weight" also covers "lost any weight" and "losing weight".
 */
import { isBoundary, type Normaliser } from './normalise.js';
import { stem } from './spelling.js';

export interface Token {
  /** Surface word after spelling correction; "," for a clause boundary. */
  w: string;
  /** Porter stem of `w`. */
  s: string;
  /** A comma or dash: phrases never span it. */
  b: boolean;
}

export interface Match<L = string> {
  label: L;
  start: number;
  end: number;   // exclusive
}

const GAP = '*';
const MAX_GAP = 3;

interface Compiled<L> { label: L; stems: string[] }

/** A set of labelled phrases, indexed by first stem for O(tokens) lookup. */
export class PhraseSet<L = string> {
  private readonly index = new Map<string, Compiled<L>[]>();

  constructor(private readonly fillers: ReadonlySet<string>, private readonly normaliser: Normaliser) {}

  add(label: L, phrase: string): void {
    const words = this.normaliser.tokens(phrase.replace(/\*/g, ' zzgapzz ')).filter((w) => !isBoundary(w));
    const kept = words.filter((w) => !this.fillers.has(w));
    const stems = (kept.length > 0 ? kept : words).map((w) => (w === 'zzgapzz' ? GAP : stem(w)));
    while (stems[0] === GAP) stems.shift();
    while (stems[stems.length - 1] === GAP) stems.pop();
    const first = stems[0];
    if (first === undefined) return;
    const list = this.index.get(first) ?? [];
    list.push({ label, stems });
    this.index.set(first, list);
  }

  addAll(label: L, phrases: readonly string[]): this {
    for (const p of phrases) this.add(label, p);
    return this;
  }

  /** The raw words of every phrase: the spelling corrector's targets. */
  *stemsUsed(): Iterable<string> {
    for (const list of this.index.values()) for (const c of list) yield* c.stems;
  }

  /** Every match starting at every token, overlapping ones included. */
  all(tokens: readonly Token[], from = 0, to = tokens.length): Match<L>[] {
    const out: Match<L>[] = [];
    for (let i = from; i < to; i += 1) {
      const t = tokens[i]!;
      if (t.b) continue;
      const cands = this.index.get(t.s);
      if (!cands) continue;
      for (const c of cands) {
        const end = this.matchAt(tokens, i, c.stems, 0, to);
        if (end > 0) out.push({ label: c.label, start: i, end });
      }
    }
    return out;
  }

  /**
   * Leftmost-longest: scanning left to right, the longest match at a position wins and hides matches that
   * overlap it; matches with the very same span under other labels are all kept ("knee" is a leg part and an
   * adjacent joint).
   */
  longest(tokens: readonly Token[], from = 0, to = tokens.length, blocked?: readonly boolean[]): Match<L>[] {
    const ms = this.all(tokens, from, to)
      .filter((m) => !blocked || !spanBlocked(blocked, m))
      .sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
    const kept: Match<L>[] = [];
    let coveredTo = from;
    let lastStart = -1;
    let lastEnd = -1;
    for (const m of ms) {
      if (m.start === lastStart && m.end === lastEnd) {
        if (!kept.some((k) => k.start === m.start && k.end === m.end && k.label === m.label)) kept.push(m);
        continue;
      }
      if (m.start < coveredTo) continue;
      kept.push(m);
      lastStart = m.start; lastEnd = m.end; coveredTo = m.end;
    }
    return kept;
  }

  /** The first phrase (leftmost, then longest) found in the tokens. */
  first(tokens: readonly Token[]): Match<L> | null {
    const ms = this.longest(tokens);
    return ms[0] ?? null;
  }

  private matchAt(toks: readonly Token[], i: number, stems: readonly string[], k: number, to: number): number {
    let j = i;
    while (k < stems.length) {
      const want = stems[k]!;
      if (want === GAP) {
        for (let gap = 0; gap <= MAX_GAP; gap += 1) {
          if (gap > 0 && (j + gap - 1 >= to || toks[j + gap - 1]!.b)) break;
          const end = this.matchAt(toks, j + gap, stems, k + 1, to);
          if (end > 0) return end;
        }
        return -1;
      }
      if (j >= to) return -1;
      const t = toks[j]!;
      if (t.b) return -1;
      if (t.s === want) { j += 1; k += 1; continue; }
      if (k > 0 && this.fillers.has(t.w)) { j += 1; continue; }
      return -1;
    }
    return j;
  }
}

function spanBlocked(blocked: readonly boolean[], m: Match<unknown>): boolean {
  for (let i = m.start; i < m.end; i += 1) if (blocked[i]) return true;
  return false;
}
