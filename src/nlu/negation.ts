/**
 * Negation, hedging and "not the patient's" cues over one sentence. A negation's scope is its clause and
 * stops at words like "and", "but", "because": "no fever, but I wet myself" only negates the fever.
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

type CueKind = 'before' | 'after' | 'hedge' | 'resolved' | 'other' | 'first';

/** Words a negation reaches past a cue; "not" rarely governs something ten words on. */
const SCOPE = 8;

export interface SentenceCues {
  /** negated[i]: token i is inside a negation's scope. */
  negated: boolean[];
  hedged: boolean;
  resolved: boolean;
  /** Position of the first other-person word ("my aunt"), -1 if none. */
  otherAt: number;
  /** Positions of first-person words ("i", "me"). */
  firstAt: number[];
}

export class CueFinder {
  private readonly negators: PhraseSet<CueKind>;
  private readonly context: PhraseSet<CueKind>;
  private readonly scopeBreak: PhraseSet<'break'>;
  private readonly clauseBreak: PhraseSet<'clause'>;

  constructor(lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser) {
    this.negators = new PhraseSet<CueKind>(fillers, norm)
      .addAll('before', lex.cues.negationBefore)
      .addAll('after', lex.cues.negationAfter);
    this.context = new PhraseSet<CueKind>(fillers, norm)
      .addAll('hedge', lex.cues.hedges)
      .addAll('resolved', lex.cues.resolved)
      .addAll('other', lex.cues.otherPerson)
      .addAll('first', lex.cues.firstPerson);
    // Breakers are matched without fillers so a single word like "and" is never skipped.
    this.scopeBreak = new PhraseSet<'break'>(new Set(), norm).addAll('break', lex.cues.scopeBreakers);
    this.clauseBreak = new PhraseSet<'clause'>(new Set(), norm).addAll('clause', lex.cues.clauseBreakers);
  }

  /** Clause number of each token: commas, dashes and "but"/"though" start a new clause. */
  clauses(toks: readonly Token[]): number[] {
    const starts = new Set(this.clauseBreak.all(toks).map((m) => m.start));
    const out: number[] = [];
    let c = 0;
    toks.forEach((t, i) => { if (t.b || starts.has(i)) c += 1; out.push(c); });
    return out;
  }

  /**
   * @param consumed tokens already used by concept phrases ("no sensation", "can not stop"): not cues.
   */
  find(toks: readonly Token[], consumed: readonly boolean[]): SentenceCues {
    const clause = this.clauses(toks);
    const breaks = new Set(this.scopeBreak.all(toks).map((m) => m.start));
    const ctx = this.context.longest(toks);
    const hedgeSpans = ctx.filter((m) => m.label === 'hedge');
    // A hedge like "not sure if" is not a negation, so its tokens are blocked for negators.
    const blocked = consumed.slice();
    for (const h of hedgeSpans) for (let i = h.start; i < h.end; i += 1) blocked[i] = true;
    const negs = this.negators.longest(toks, 0, toks.length, blocked);
    const negated = new Array<boolean>(toks.length).fill(false);
    for (const n of negs) this.applyScope(n, toks, clause, breaks, negated);
    const other = ctx.find((m) => m.label === 'other');
    return {
      negated,
      hedged: hedgeSpans.length > 0,
      resolved: ctx.some((m) => m.label === 'resolved'),
      otherAt: other ? other.start : -1,
      firstAt: ctx.filter((m) => m.label === 'first').map((m) => m.start),
    };
  }

  private applyScope(n: Match<CueKind>, toks: readonly Token[], clause: readonly number[], breaks: ReadonlySet<number>, negated: boolean[]): void {
    const c = clause[n.start];
    if (n.label === 'before') {
      for (let i = n.end, k = 0; i < toks.length && k < SCOPE; i += 1, k += 1) {
        if (clause[i] !== c || toks[i]!.b || breaks.has(i)) break;
        negated[i] = true;
      }
    } else {
      for (let i = n.start - 1, k = 0; i >= 0 && k < SCOPE; i -= 1, k += 1) {
        if (clause[i] !== c || toks[i]!.b) break;
        negated[i] = true;
        if (breaks.has(i)) { negated[i] = false; break; }
      }
    }
  }
}
