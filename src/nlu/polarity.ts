/**
 * Answer words: yes/no/unsure, adherence (high/partial/low) and progress (better/same/worse/unsure).
 * Longer phrases win ("not sure" over "not", "no better" over "better").
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Adherence, Progress } from '../knowledge/ids.js';
import type { Polarity } from './types.js';
import type { Normaliser } from './normalise.js';
import { answerFillers, NumberReader, opensQuestion, wordSets } from './numbers.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

/** Weak "yes" forms only count at the very start of an answer ("I have had…", "a bit…"). */
const WEAK_YES_MAX_START = 0;

type ProgressLabel = Progress | 'neutral';

export class AnswerReader {
  private readonly polarity: PhraseSet<Polarity>;
  private readonly lead: PhraseSet<true>;
  private readonly hedgedYesSet: PhraseSet<true>;
  private readonly adherence: PhraseSet<Adherence | 'unsure'>;
  private readonly progress: PhraseSet<ProgressLabel>;
  private readonly summary: PhraseSet<true>;
  private readonly strongYes: Set<string>;
  /** Words people put before an answer ("erm, not sure") and after it ("no, thanks"). */
  private readonly interjections: Set<string>;
  private readonly tailWords: Set<string>;
  /** A message that opens like a question: a weak "yes" in it ("what if I do?") is not an answer. */
  private readonly w: ReturnType<typeof wordSets>;
  private readonly numbers: NumberReader;

  constructor(lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser) {
    // Fillers are not skipped in answers: "a bit" and "not really" are the answer itself. Adherence and progress
    // skip only articles and possessives ("do my exercises"): "some of them", "not really", "all of it" stay whole.
    const none = new Set<string>();
    const few = answerFillers(lex, fillers);
    this.polarity = new PhraseSet<Polarity>(none, norm)
      .addAll('yes', lex.polarity.yes).addAll('no', lex.polarity.no).addAll('unsure', lex.polarity.unsure);
    this.lead = new PhraseSet<true>(none, norm).addAll(true, lex.polarity.lead);
    this.hedgedYesSet = new PhraseSet<true>(none, norm).addAll(true, lex.polarity.hedgedYes);
    // Adherence "unsure" phrases ("I don't keep track") only hide their words: the answer is then re-asked.
    this.adherence = new PhraseSet<Adherence | 'unsure'>(few, norm)
      .addAll('high', lex.adherence.high).addAll('partial', lex.adherence.partial).addAll('low', lex.adherence.low)
      .addAll('unsure', lex.adherence.unsure);
    this.progress = new PhraseSet<ProgressLabel>(few, norm)
      .addAll('better', lex.progress.better).addAll('same', lex.progress.same)
      .addAll('worse', lex.progress.worse).addAll('unsure', lex.progress.unsure).addAll('neutral', lex.progress.neutral);
    this.summary = new PhraseSet<true>(few, norm).addAll(true, lex.progress.summary);
    this.strongYes = new Set(lex.polarity.strongYes);
    this.interjections = new Set(lex.polarity.interjections);
    this.tailWords = new Set(lex.polarity.tailWords);
    this.w = wordSets(lex);
    this.numbers = new NumberReader(lex, fillers, norm, () => new Date());
  }

  /**
   * The answer leads with a hedged yes ("I think maybe a bit…"), before any "not sure": "erm, not sure, maybe a
   * bit different" stays unsure.
   */
  hedgedYes(toks: readonly Token[]): boolean {
    const yes = this.hedgedYesSet.longest(toks)[0];
    if (!yes) return false;
    const unsure = this.polarity.longest(toks).find((m) => m.label === 'unsure');
    return !unsure || yes.start < unsure.start;
  }

  /** Index of the first token after interjections and lead-ins ("thankfully", "I'm pleased to say"). */
  private leadEnd(toks: readonly Token[]): number {
    let lead = 0;
    for (;;) {
      const t = toks[lead];
      if (t === undefined) return lead;
      if (t.b) { lead += 1; continue; }
      const l = this.lead.longest(toks, lead, Math.min(toks.length, lead + 6))[0];
      if (l && l.start === lead) { lead = l.end; continue; }
      // "i" is only an interjection in "i mean"; "I did" must still be read.
      if (t.w === 'i' && toks[lead + 1]?.w !== 'mean') return lead;
      if (!this.interjections.has(t.w)) return lead;
      lead += 1;
    }
  }

  /** Index after the last token of the answer, before "thanks", "thank you", "hey". */
  private tailEnd(toks: readonly Token[]): number {
    let end = toks.length;
    for (;;) {
      const t = toks[end - 1];
      if (t === undefined) return end;
      if (t.b || this.tailWords.has(t.w)) { end -= 1; continue; }
      if (t.w === 'you' && toks[end - 2]?.w === 'thank') { end -= 2; continue; }
      return end;
    }
  }

  /** Yes/no/unsure from the start or the very end of the message, or the whole of a short one. */
  readPolarity(toks: readonly Token[], covered: ReadonlySet<Token> = new Set()): Polarity | null {
    const words = toks.filter((t) => !t.b);
    if (words.length === 0) return null;
    const lead = this.leadEnd(toks);
    const tail = Math.max(lead, this.tailEnd(toks));
    const first = toks[lead]?.w ?? '';
    const asks = opensQuestion(this.w, first, toks[lead + 1]?.w ?? '');
    // "Thankfully not." / "Not, no.": a bare "not" after the lead-in is the whole answer.
    if (first === 'not' && (lead + 1 >= tail || toks[lead + 1]?.b)) return 'no';
    const ms = this.polarity.longest(toks);
    const short = toks.slice(lead, tail).filter((t) => !t.b).length <= 4;
    const found: Match<Polarity>[] = [];
    for (const m of ms) {
      if (m.end <= lead) continue;                     // inside "I'm pleased to say"
      const atStart = m.start <= lead + 1;
      const atEnd = m.end >= tail - 1 && tail - m.start <= Math.max(3, m.end - m.start);
      if (!short && !atStart && !atEnd) continue;
      if (toks.slice(m.start, m.end).every((t) => covered.has(t))) continue;
      if (m.label === 'yes' && !this.isStrongYes(toks, m) && (asks || (m.start > lead + WEAK_YES_MAX_START && !short))) continue;
      found.push(m);
    }
    const first0 = found[0];
    if (!first0) return null;
    // "I don't own a thermometer, so I couldn't say": a "no" that only opens a sentence gives way to "can't say".
    if (first0.label === 'no' && this.isWeakNo(toks, first0) && found.some((m) => m.label === 'unsure')) return 'unsure';
    return first0.label;
  }

  /** A "no" that is only the start of a sentence: "I don't…", "it isn't…" (not "no", "never", "not at all"). */
  private isWeakNo(toks: readonly Token[], m: Match<Polarity>): boolean {
    return m.end - m.start > 1 && this.w.pronouns.has(toks[m.start]!.w) && m.end - m.start <= 3;
  }

  private isStrongYes(toks: readonly Token[], m: Match<Polarity>): boolean {
    return m.end - m.start === 1 && this.strongYes.has(toks[m.start]!.w);
  }

  /**
   * Adherence from its phrases; the class with the most matched words wins, low on a tie (it prompts advice).
   * A frequency about clinic sessions ("I go twice a week") says nothing about the home exercises: its words
   * are not read.
   */
  readAdherence(toks: readonly Token[]): Adherence | null {
    const sessions = this.numbers.frequencies(toks).filter((f) => f.topic === 'session');
    const ms = this.adherence.longest(toks).filter((m) => !sessions.some((f) => m.start < f.end && m.end > f.start));
    return vote(ms.filter((m) => m.label !== 'unsure') as Match<Adherence>[], ['low', 'partial', 'high']);
  }

  /**
   * Progress: worse outranks same, same outranks better, "not sure" is last; but an answer that opens unsure
   * ("hard to say, some days are good…") stays unsure unless it says worse, and a summing-up ("overall, a
   * wash") decides. "Better or worse compared to when?" reads as nothing.
   */
  readProgress(toks: readonly Token[]): Progress | null {
    const ms = this.progress.longest(toks).filter((m): m is Match<Progress> => m.label !== 'neutral');
    if (ms.length === 0) return null;
    const sum = this.summary.longest(toks)[0];
    if (sum) {
      const after = ms.filter((m) => m.start >= sum.end);
      const decided = rank(after);
      if (decided) return decided;
    }
    const lead = this.leadEnd(toks);
    const opensUnsure = ms[0]!.label === 'unsure' && ms[0]!.start <= lead + 1;
    if (opensUnsure && !ms.some((m) => m.label === 'worse')) return 'unsure';
    return rank(ms);
  }
}

function rank(ms: readonly Match<Progress>[]): Progress | null {
  for (const p of ['worse', 'same', 'better', 'unsure'] as const) if (ms.some((m) => m.label === p)) return p;
  return null;
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
