/**
 * Finding detection: concept phrases are matched per sentence, finding rules (function frames) combine
 * concepts that occur close together ("bladder word" + "loss of control word"), then each mention gets its
 * ConText qualifiers and the judge it is given (src/understanding.ts) gives it a status.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { FindingPatterns, Lexicon } from '../knowledge/lexicon-schema.js';
import type { Judge, MentionStatus } from '../knowledge/mentions.js';
import type { FindingMention } from './types.js';
import { ContextReader } from './context.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

const DEFAULT_WINDOW = 12;

interface Located extends Match<string> { negated: boolean }

export class FindingDetector {
  private readonly conceptSet: PhraseSet<string>;
  readonly context: ContextReader;
  private readonly patterns: [FindingId, FindingPatterns][];

  constructor(private readonly lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser, private readonly judge: Judge, now?: () => Date) {
    this.conceptSet = new PhraseSet<string>(fillers, norm);
    for (const [name, phrases] of Object.entries(lex.concepts)) this.conceptSet.addAll(name, phrases);
    this.context = new ContextReader(lex, fillers, norm, now);
    this.patterns = Object.entries(lex.findings) as [FindingId, FindingPatterns][];
  }

  /** The concept phrases and context cues found in one sentence (for `npm run explain`). */
  concepts(toks: readonly Token[]): Match<string>[] {
    return this.conceptSet.longest(toks);
  }
  cues(toks: readonly Token[], asks: boolean): { kind: string; start: number; end: number }[] {
    return this.context.read(toks, phraseWords(toks, this.conceptSet.longest(toks)), asks).cues;
  }

  /** Some sentence mentions, without denying it, a concept of the asked findings' frames (bladder, groin, legs). */
  describes(sentences: readonly Token[][], asks: readonly FindingId[]): boolean {
    const frame = new Set(asks.flatMap((id) => this.lex.findings[id]?.frame ?? []));
    if (frame.size === 0) return false;
    return sentences.some((toks) => {
      const all = this.conceptSet.longest(toks);
      const matches = all.filter((m) => frame.has(m.label));
      if (matches.length === 0) return false;
      const cues = this.context.read(toks, phraseWords(toks, all), false);
      return matches.some((m) => {
        const q = cues.qualify(m.start, m.end);
        return q.negation !== 'negated' && q.experiencer === 'patient' && !q.figurative && q.temporality === 'current';
      });
    });
  }

  /** Tokens inside concept phrases: "no" in "no time" is part of a phrase, not an answer. */
  covered(sentences: readonly Token[][]): Set<Token> {
    const out = new Set<Token>();
    for (const toks of sentences) for (const m of this.conceptSet.longest(toks)) for (let i = m.start; i < m.end; i += 1) out.add(toks[i]!);
    return out;
  }

  /**
   * All findings in the sentences. `implied` lists findings whose `implied` concepts count as said (the
   * pending question's findings); a rule must still match at least one concept in the text itself.
   */
  detect(sentences: readonly Token[][], asks: readonly boolean[], implied: readonly FindingId[] = []): FindingMention[] {
    const found = new Map<FindingId, FindingMention>();
    sentences.forEach((sentence, n) => {
      // A short next sentence, or one that carries on ("Now I can't at all"), may finish this one's thought
      // ("Slipped off the jetty. Pain's doubled since."): it is read joined to it, as a new clause.
      const next = sentences[n + 1];
      const joined = next !== undefined && (next.length <= SHORT_FOLLOW_UP || this.context.followsOn(next));
      const toks = joined ? [...sentence, CLAUSE, ...next] : sentence;
      const fired = this.detectSentence(toks, asks[n] ?? false, implied);
      // Overrides within the sentence: "weak for months but getting worse" is progressive, not stable.
      for (const m of fired.values()) {
        const o = this.lex.findings[m.id]?.overrides ?? [];
        if (m.status === 'present' || m.status === 'suspected') for (const id of o) fired.delete(id);
      }
      for (const m of fired.values()) merge(found, m);
    });
    return [...found.values()];
  }

  private detectSentence(toks: readonly Token[], asks: boolean, implied: readonly FindingId[]): Map<FindingId, FindingMention> {
    const out = new Map<FindingId, FindingMention>();
    if (toks.length === 0) return out;
    const matches = this.conceptSet.longest(toks);
    const cues = this.context.read(toks, phraseWords(toks, matches), asks);
    const byConcept = new Map<string, Located[]>();
    for (const m of matches) {
      const negated = cues.qualify(m.start, m.end).negation === 'negated';
      const list = byConcept.get(m.label) ?? [];
      list.push({ ...m, negated });
      byConcept.set(m.label, list);
    }
    const impliedConcepts = new Set<string>();
    for (const id of implied) for (const c of this.lex.findings[id]?.implied ?? []) impliedConcepts.add(c);

    for (const [id, pat] of this.patterns) {
      // Every way the rules match is qualified and judged; the strongest reading stands ("nobody in my family
      // has had cancer, but I had testicular cancer" is the patient's cancer).
      let best: FindingMention | null = null;
      for (const r of this.readings(pat, byConcept, implied.includes(id) ? impliedConcepts : new Set())) {
        const qualifiers = cues.qualify(r.start, r.end, r.parts);
        if (r.negated) qualifiers.negation = 'negated';
        const m: FindingMention = {
          id, qualifiers, confidence: r.confidence, status: this.judge(id, qualifiers, r.confidence),
          words: toks.slice(r.start, r.end).map((t) => t.w).join(' '),
        };
        if (!best || STRENGTH[m.status] > STRENGTH[best.status] || (m.status === best.status && m.confidence > best.confidence)) best = m;
      }
      if (best) out.set(id, best);
    }
    return out;
  }

  /** Every way the finding's rules match in the sentence, with the concept phrases that make each one. */
  private readings(pat: FindingPatterns, byConcept: ReadonlyMap<string, Located[]>, implied: ReadonlySet<string>): Reading[] {
    const out: Reading[] = [];
    for (const rule of pat.rules) {
      // A negated blocker does not block: "I have not been dieting" leaves the weight loss unexplained.
      if (rule.none.some((c) => byConcept.get(c)?.some((m) => !m.negated))) continue;
      const window = rule.window ?? DEFAULT_WINDOW;
      const real = rule.all.filter((c) => byConcept.has(c));
      if (real.length === 0) continue;
      if (rule.all.some((c) => !byConcept.has(c) && !implied.has(c))) continue;
      const anchorConcept = real[0]!;
      for (const anchor of byConcept.get(anchorConcept)!) {
        let start = anchor.start;
        let end = anchor.end;
        let negated = anchor.negated;
        const parts: Match<string>[] = [anchor];
        let ok = true;
        for (const c of real.slice(1)) {
          const pick = nearest(byConcept.get(c)!, anchor);
          parts.push(pick);
          start = Math.min(start, pick.start);
          end = Math.max(end, pick.end);
          negated ||= pick.negated;
          if (end - start > window) { ok = false; break; }
        }
        if (!ok) continue;
        // A rule that only suggests its finding stays below the judge's SUGGESTS_ONLY (0.6).
        const confidence = rule.suggests ? 0.5 : real.length < rule.all.length ? 0.7 : rule.all.length > 1 ? 0.9 : 0.85;
        // A rule that denies its finding ("tripped but caught myself, didn't hurt my back") reads as a "no".
        out.push({ negated: negated || rule.denies, start, end, parts, confidence });
      }
    }
    return out;
  }
}

/** Words in a sentence short enough to be read with the one before it. */
const SHORT_FOLLOW_UP = 6;
const CLAUSE: Token = { w: ',', s: ',', b: true };

interface Reading { negated: boolean; start: number; end: number; parts: Match<string>[]; confidence: number }

/** The closest match of a concept to the anchor, preferring non-negated ones at equal distance. */
function nearest(list: readonly Located[], anchor: Match<string>): Located {
  let best = list[0]!;
  let bestD = Infinity;
  for (const m of list) {
    const d = Math.abs(m.start - anchor.start) + (m.negated ? 0.5 : 0);
    if (d < bestD) { bestD = d; best = m; }
  }
  return best;
}

/**
 * Words inside multi-word concept phrases: "no" in "no sensation" or "not" in "can not stop" belongs to the
 * phrase and negates nothing. A one-word concept ("nothing") never hides a negation.
 */
function phraseWords(toks: readonly Token[], matches: readonly Match<string>[]): boolean[] {
  const inside = new Array<boolean>(toks.length).fill(false);
  for (const m of matches) if (m.end - m.start > 1) for (let i = m.start; i < m.end; i += 1) inside[i] = true;
  return inside;
}

/** Across sentences the strongest reading wins: one clear report outweighs a denial elsewhere (safety first). */
const STRENGTH: Record<MentionStatus, number> = { ignored: 0, absent: 1, suspected: 2, present: 3 };
function merge(found: Map<FindingId, FindingMention>, m: FindingMention): void {
  const prev = found.get(m.id);
  if (!prev || STRENGTH[m.status] > STRENGTH[prev.status]) found.set(m.id, m);
}
