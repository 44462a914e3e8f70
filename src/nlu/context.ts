/**
 * ConText-style qualifiers (Chapman 2007; Harkema 2009) over one sentence: each mention gets negation
 * (affirmed, negated, possible), experiencer (patient, other), temporality (current, historical, hypothetical)
 * and figurative use, each from cue phrases in content/lexicon.yaml with an explicit scope. A scope ends at a
 * clause boundary (a comma, "but", "though") and at a termination word ("and", "because"); pseudo-triggers
 * ("no change", "not only") are matched first so that they never act as cues.
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Qualifiers } from '../knowledge/mentions.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

type CueKind = 'before' | 'after' | 'hedge' | 'historical' | 'hypothetical' | 'figurative' | 'other' | 'first' | 'report' | 'place' | 'pseudo' | 'current';

/** Words a negation reaches past its cue; "not" rarely governs something ten words on. */
const SCOPE = 8;
/** Words in a list item that a negation reaches across a comma ("no fevers, chills or sweats"). */
const LIST_ITEM = 4;
/** Words a figurative cue reaches ("numb with shock", "jelly after the gym"). */
const FIGURATIVE_REACH = 4;

/** What the qualifiers of one sentence depend on, found once per sentence. */
export interface SentenceContext {
  /** `parts`: the concept phrases of the mention; a cue inside one of them is part of the concept, not a cue. */
  qualify(start: number, end: number, parts?: readonly { start: number; end: number }[]): Qualifiers;
  /** The cues found, for `npm run explain`. */
  cues: { kind: string; start: number; end: number }[];
}

export class ContextReader {
  private readonly negators: PhraseSet<CueKind>;
  private readonly pseudo: PhraseSet<CueKind>;
  private readonly context: PhraseSet<CueKind>;
  private readonly people: PhraseSet<CueKind>;
  private readonly scopeBreak: PhraseSet<'break'>;
  private readonly clauseBreak: PhraseSet<'clause'>;
  private readonly questionStarts: PhraseSet<'q'>;
  private readonly hypotheticalStarts: PhraseSet<'h'>;
  private readonly hypotheticals: PhraseSet<CueKind>;
  private readonly correction: PhraseSet<'c'>;
  private readonly clauseStarts: PhraseSet<'s'>;
  private readonly followOn: PhraseSet<'f'>;
  private readonly patientObjects: ReadonlySet<string>;
  private readonly anaphora: ReadonlySet<string>;
  private readonly otherPronouns: ReadonlySet<string>;
  private readonly ageBefore: PhraseSet<'a'>;

  constructor(lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser, private readonly now: () => Date = () => new Date()) {
    const c = lex.cues;
    // Pseudo-triggers are matched word for word ("not just" must not shrink to "not" by skipping a filler).
    this.pseudo = new PhraseSet<CueKind>(new Set(), norm).addAll('pseudo', c.pseudoTriggers);
    // Word for word too: with fillers skipped, "all good" would shrink to "good" ("for a good ten minutes").
    this.negators = new PhraseSet<CueKind>(new Set(), norm)
      .addAll('before', c.negationBefore)
      .addAll('after', c.negationAfter);
    // Context cues are matched word for word: with fillers skipped, "kind of" would shrink to "of", "fixed
    // that" to "fixed".
    this.context = new PhraseSet<CueKind>(new Set(), norm)
      .addAll('hedge', c.hedges)
      .addAll('historical', c.historical)
      .addAll('current', c.current)
      .addAll('figurative', c.figurative);
    // Who: matched on their own, so "I had" never hides "had flu" (a cue of the other set).
    this.people = new PhraseSet<CueKind>(new Set(), norm)
      .addAll('other', c.otherPerson)
      .addAll('first', c.firstPerson)
      // "like someone stuck a hot poker in me": an analogy, the patient's own pain.
      .addAll('first', c.notOtherPerson)
      .addAll('report', c.reporting)
      .addAll('place', c.places);
    // Breakers are matched without fillers so a single word like "and" is never skipped.
    this.scopeBreak = new PhraseSet<'break'>(new Set(), norm).addAll('break', c.scopeBreakers);
    this.clauseBreak = new PhraseSet<'clause'>(new Set(), norm).addAll('clause', c.clauseBreakers);
    this.questionStarts = new PhraseSet<'q'>(new Set(), norm).addAll('q', c.questionStarts);
    this.hypotheticalStarts = new PhraseSet<'h'>(new Set(), norm).addAll('h', c.hypotheticalStarts);
    // Matched word for word: with fillers skipped, "would that" would become a bare "would".
    this.hypotheticals = new PhraseSet<CueKind>(new Set(), norm).addAll('hypothetical', c.hypothetical);
    this.correction = new PhraseSet<'c'>(fillers, norm).addAll('c', c.correction);
    this.clauseStarts = new PhraseSet<'s'>(new Set(), norm).addAll('s', c.clauseStarts);
    this.followOn = new PhraseSet<'f'>(new Set(), norm).addAll('f', c.followOn);
    this.patientObjects = new Set(c.patientObjects);
    this.anaphora = new Set(c.anaphora);
    this.otherPronouns = new Set(c.otherPronouns);
    this.ageBefore = new PhraseSet<'a'>(new Set(), norm).addAll('a', c.ageBefore);
  }

  private datedPast(toks: readonly Token[]): Match<CueKind>[] {
    const thisYear = this.now().getFullYear();
    const out: Match<CueKind>[] = [];
    const ages = new Set(this.ageBefore.all(toks).map((m) => m.end));
    toks.forEach((t, i) => {
      const n = /^\d{1,4}$/.test(t.w) ? Number(t.w) : NaN;
      if (n >= 1900 && n <= thisYear - 2) out.push({ label: 'historical', start: i, end: i + 1 });
      if (n > 0 && n < 100 && ages.has(i)) out.push({ label: 'historical', start: i, end: i + 1 });
    });
    return out;
  }

  /** The sentence carries on from the one before ("Now I can't at all", "Since then it's worse"). */
  followsOn(toks: readonly Token[]): boolean {
    return this.followOn.all(toks, 0, 1).length > 0;
  }

  /** The sentence turns with "but", "though", "except": what follows may take back what came before. */
  contrasts(toks: readonly Token[]): boolean {
    return this.clauseBreak.all(toks).length > 0;
  }

  /** The message corrects an earlier answer ("actually", "I meant"). */
  corrects(toks: readonly Token[]): boolean {
    return this.correction.all(toks).length > 0;
  }

  /** Clause number of each token: commas, dashes and "but"/"though" start a new clause. */
  clauses(toks: readonly Token[], turns: readonly Match<'clause'>[] = this.clauseBreak.all(toks)): number[] {
    const starts = new Set(turns.map((m) => m.start));
    const out: number[] = [];
    let c = 0;
    toks.forEach((t, i) => { if (t.b || starts.has(i)) c += 1; out.push(c); });
    return out;
  }

  /** The sentence asks rather than tells: a "?" or a question opening, and the patient not in it. */
  asks(toks: readonly Token[], asks: boolean): boolean {
    return this.asksGiven(toks, asks, this.context.longest(toks), this.people.longest(toks));
  }

  /** `asks`, with the sentence's context and people cues already found. */
  private asksGiven(toks: readonly Token[], asks: boolean, context: readonly Match<CueKind>[], people: readonly Match<CueKind>[]): boolean {
    // "maybe lost a bit of weight?": a hedged report with a question mark, not a question.
    if (context.some((m) => m.label === 'hedge' && m.start === 0)) return false;
    // "can't feel a thing", "don't get the urge" open like a question but tell: a negation right after is a statement.
    // The question may come after a short lead-in clause: "out of interest, which cancers…".
    const comma = toks.findIndex((t) => t.b);
    const at = comma >= 0 && comma <= 4 ? [0, comma + 1] : [0];
    const opens = at.some((i) => this.questionStarts.all(toks, i, i + 1).some((m) => toks[m.end]?.w !== 'not' && toks[m.end]?.w !== 'never'));
    if (!asks && !opens) return false;
    return !people.some((m) => m.label === 'first');
  }

  /**
   * @param consumed tokens already used by concept phrases ("no sensation", "can not stop"): not cues.
   * @param asks the sentence ended in "?".
   */
  read(toks: readonly Token[], consumed: readonly boolean[], asks: boolean): SentenceContext {
    const turns = this.clauseBreak.all(toks);
    const clause = this.clauses(toks, turns);
    const breaks = new Set(this.scopeBreak.all(toks).map((m) => m.start));
    // Context cues are found everywhere ("years ago" inside another concept still dates the sentence); only a cue
    // inside the very mention being qualified is ignored (qualify, below). Negation cues inside concept phrases
    // ("no sensation", "can not stop") are part of the concept, not negations.
    const context = this.context.longest(toks);
    const people = this.people.longest(toks);
    const ctx = [...context, ...people, ...this.hypotheticals.longest(toks)];
    // A hedge like "not sure if" is not a negation, so its tokens are blocked for negators.
    const blocked = consumed.slice();
    const pseudo = this.pseudo.longest(toks);
    for (const h of [...ctx, ...pseudo]) if (h.label === 'hedge' || h.label === 'hypothetical' || h.label === 'pseudo') for (let i = h.start; i < h.end; i += 1) blocked[i] = true;
    const negated = new Array<boolean>(toks.length).fill(false);
    const starts = new Set([...this.clauseStarts.all(toks).map((m) => m.start), ...people.filter((m) => m.label === 'first').map((m) => m.start)]);
    const negationCues = this.negators.longest(toks, 0, toks.length, blocked);
    for (const n of negationCues) this.applyScope(n, toks, clause, breaks, negated, starts);

    const all = (kind: CueKind) => ctx.filter((m) => m.label === kind);
    // Who has it: the patient again after a first-person word, or after someone else reports it ("my wife noticed").
    const firsts = [...all('first'), ...all('report')].map((m) => m.start);
    const supposing = this.hypotheticalStarts.all(toks, 0, 1).length > 0;
    const othersAll = all('other');
    const hedges = all('hedge');
    // A year two or more years back ("a crash in 1999") and an age ("when I was 15") are long past, like "years ago".
    const historicalAll = [...all('historical'), ...this.datedPast(toks)];
    const currentAll = all('current');
    const hypotheticalAll = all('hypothetical');
    const figurativeAll = all('figurative');
    // A question about a symptom ("is weakness a bad sign?") asks; one that tells ("is it bad that I…?") reports.
    const question = this.asksGiven(toks, asks, context, people);

    const objects = this.patientObjects;
    const anaphors = this.anaphora;
    const pronouns = this.otherPronouns;
    // The past cue's clause opens with "but that": it dates what came before.
    // Only "but that …" (the anaphor right after the turn), and not when denied ("that hasn't happened since I was a
    // child" says it is new).
    const turnAt = new Set(turns.map((m) => m.end));
    const pointsBack = (h: number): boolean => !negated[h]
      && ((anaphors.has(toks[h]!.w) && turnAt.has(h)) || (anaphors.has(toks[h - 1]?.w ?? '') && turnAt.has(h - 1)));
    return {
      cues: [...pseudo, ...negationCues, ...ctx, ...historicalAll.filter((h) => !ctx.includes(h))].map((m) => ({ kind: m.label, start: m.start, end: m.end })),
      qualify(start: number, end: number, parts = [{ start, end }]): Qualifiers {
        const c = clause[start]!;
        const outside = (ms: Match<CueKind>[]) => ms.filter((m) => parts.every((p) => m.end <= p.start || m.start >= p.end));
        const others = outside(othersAll);
        const historical = outside(historicalAll);
        const current = outside(currentAll);
        const hypothetical = outside(hypotheticalAll);
        const figurative = outside(figurativeAll);
        let neg = false;
        for (let i = start; i < end; i += 1) if (negated[i]) neg = true;
        const sameClause = (m: Match<CueKind>) => clause[m.start] === c || clause[Math.max(m.end - 1, m.start)] === c;
        return {
          negation: neg ? 'negated' : hedges.some(sameClause) ? 'possible' : 'affirmed',
          // "a bloke rear-ended me", "some guy hit me": the patient is the one it happened to.
          // ...and "someone went into the back of my car": the patient is in the mention itself.
          // ...and "can't tell when he needs the toilet": someone else inside the mention, the patient not.
          experiencer: (someoneElse(others.filter(sameClause), firsts, start) || others.some((o) => o.start > start && o.end <= end && pronouns.has(toks[o.start]!.w)))
            && !objectOf(objects, toks, start, end) && !firsts.some((p) => p >= start && p < end) ? 'other' : 'patient',
          temporality: question || supposing || hypothetical.some(sameClause) ? 'hypothetical'
            // A historical cue dates the mention unless a current cue turns it back ("like it did when I had my
            // son" compares; "years ago, and ever since" is now).
            : historical.some((h) => !current.some((k) => clause[k.start] === clause[h.start] || between(k.start, h.start, start))
              && (sameClause(h) || pointsBack(h.start) || ![...breaks].some((b) => between(b, h.start, start)))) ? 'historical'
              : 'current',
          // A figurative cue next to the mention ("numb with shock"), or a fixed expression containing it ("footy fever").
          figurative: figurative.some((m) => sameClause(m) && (
            (m.start >= end && m.start - end < FIGURATIVE_REACH) || (m.end <= start && start - m.end < FIGURATIVE_REACH)))
            || figurativeAll.some((m) => m.start <= start && m.end >= end && m.end - m.start > end - start),
        };
      },
    };
  }

  /**
   * A comma inside a list does not end a negation: "no fevers, chills or sweats", "I haven't had a fall, a car
   * crash, or any kind of knock". The segment after the comma continues the list when it is short and does not
   * open a new clause (a breaker, a first-person word, or a clause-opening word such as "lost" or "had").
   */
  private continuesList(toks: readonly Token[], comma: number, breaks: ReadonlySet<number>, starts: ReadonlySet<number>): boolean {
    let end = comma + 1;
    while (end < toks.length && !toks[end]!.b) end += 1;
    const length = end - comma - 1;
    if (length === 0 || length > LIST_ITEM) return false;
    const first = comma + 1;
    if (starts.has(first)) return false;
    return !breaks.has(first) || toks[first]!.w === 'or' || toks[first]!.w === 'nor';
  }

  private applyScope(n: Match<CueKind>, toks: readonly Token[], clause: readonly number[], breaks: ReadonlySet<number>, negated: boolean[], starts: ReadonlySet<number> = new Set()): void {
    const c = clause[n.start];
    if (n.label === 'before') {
      let cl = c;
      for (let i = n.end, k = 0; i < toks.length && k < SCOPE; i += 1, k += 1) {
        if (toks[i]!.b && this.continuesList(toks, i, breaks, starts)) { cl = clause[i + 1]; k -= 1; continue; }
        if (clause[i] !== cl || toks[i]!.b || (breaks.has(i) && toks[i]!.w !== 'or')) break;
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

/** The patient is the object of the mention's verb: "hit me across the back", "rear-ended me". */
const objectOf = (objects: ReadonlySet<string>, toks: readonly Token[], start: number, end: number): boolean => {
  for (let i = start; i <= end && i < toks.length; i += 1) if (objects.has(toks[i]!.w)) return true;
  return false;
};

/** Position p lies between a and b (either order). */
const between = (p: number, a: number, b: number): boolean => (a < b ? p > a && p < b : p > b && p < a);

/**
 * "my granddad fell down the stairs": another person is named before the mention and the patient is not
 * named again between them ("my wife says I keep tripping" is the patient's).
 */
function someoneElse(others: readonly Match<CueKind>[], firsts: readonly number[], at: number): boolean {
  const before = others.filter((o) => o.start <= at);
  if (before.length === 0) return false;
  const last = before[before.length - 1]!;
  return !firsts.some((p) => p >= last.end && p <= at);
}
