/**
 * Answer words: yes/no/unsure, adherence (high/partial/low) and progress (better/same/worse/unsure).
 * Longer phrases win ("not sure" over "not", "no better" over "better").
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Adherence, Progress } from '../triage/answers.js';
import type { Polarity } from './types.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

/** Words people put before an answer: "erm, not sure", "well yeah". */
const INTERJECTIONS = new Set(['well', 'erm', 'um', 'umm', 'uh', 'er', 'oh', 'ah', 'hmm', 'so', 'ok', 'okay', 'honestly', 'i', 'mean']);
/** Weak "yes" forms only count at the very start of an answer ("I have had…", "a bit…"). */
const WEAK_YES_MAX_START = 0;

export class AnswerReader {
  private readonly polarity: PhraseSet<Polarity>;
  private readonly adherence: PhraseSet<Adherence>;
  private readonly progress: PhraseSet<Progress>;
  private readonly strongYes: Set<string>;

  constructor(lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser) {
    // Fillers are not skipped in answers: "a bit" and "not really" are the answer itself.
    const none = new Set<string>();
    this.polarity = new PhraseSet<Polarity>(none, norm)
      .addAll('yes', lex.polarity.yes).addAll('no', lex.polarity.no).addAll('unsure', lex.polarity.unsure);
    this.adherence = new PhraseSet<Adherence>(fillers, norm)
      .addAll('high', lex.adherence.high).addAll('partial', lex.adherence.partial).addAll('low', lex.adherence.low);
    this.progress = new PhraseSet<Progress>(fillers, norm)
      .addAll('better', lex.progress.better).addAll('same', lex.progress.same)
      .addAll('worse', lex.progress.worse).addAll('unsure', lex.progress.unsure);
    this.strongYes = new Set(['yes', 'yeah', 'yea', 'yeh', 'yep', 'yup', 'ya', 'aye', 'sure', 'definitely', 'absolutely', 'correct']);
  }

  /** Yes/no/unsure from the start or the very end of the message, or the whole of a short one. */
  readPolarity(toks: readonly Token[], covered: ReadonlySet<Token> = new Set()): Polarity | null {
    const words = toks.filter((t) => !t.b);
    if (words.length === 0) return null;
    let lead = 0;
    while (lead < toks.length && (toks[lead]!.b || INTERJECTIONS.has(toks[lead]!.w))) {
      // "i" is only an interjection in "i mean"; "I did" must still be read.
      if (toks[lead]!.w === 'i' && toks[lead + 1]?.w !== 'mean') break;
      lead += 1;
    }
    const ms = this.polarity.longest(toks);
    const short = words.length <= 4;
    for (const m of ms) {
      const atStart = m.start <= lead + 1;
      const atEnd = m.end >= toks.length - 1 && toks.length - m.start <= 3;
      if (!short && !atStart && !atEnd) continue;
      if (toks.slice(m.start, m.end).every((t) => covered.has(t))) continue;
      if (m.label === 'yes' && !this.isStrongYes(toks, m) && m.start > lead + WEAK_YES_MAX_START && !short) continue;
      return m.label;
    }
    return null;
  }

  private isStrongYes(toks: readonly Token[], m: Match<Polarity>): boolean {
    return m.end - m.start === 1 && this.strongYes.has(toks[m.start]!.w);
  }

  /** Adherence from its phrases; the class with the most matched words wins, low on a tie (it prompts advice). */
  readAdherence(toks: readonly Token[]): Adherence | null {
    return vote(this.adherence.longest(toks), ['low', 'partial', 'high']);
  }

  /** Progress: worse outranks same, same outranks better, "not sure" is last. */
  readProgress(toks: readonly Token[]): Progress | null {
    const ms = this.progress.longest(toks);
    for (const p of ['worse', 'same', 'better', 'unsure'] as const) if (ms.some((m) => m.label === p)) return p;
    return null;
  }
}

function vote<L extends string>(ms: readonly Match<L>[], order: readonly L[]): L | null {
  if (ms.length === 0) return null;
  const score = new Map<L, number>();
  for (const m of ms) score.set(m.label, (score.get(m.label) ?? 0) + (m.end - m.start));
  let best: L | null = null;
  let bestScore = 0;
  for (const l of order) {
    const s = score.get(l) ?? 0;
    if (s > bestScore) { best = l; bestScore = s; }
  }
  return best;
}
