/**
 * Finding detection: concept phrases are matched per sentence, finding rules combine concepts that occur
 * close together ("bladder word" + "loss of control word"), then negation, hedges, "past and resolved"
 * and "someone else's" cues decide the mention's status.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { FindingPatterns, Lexicon } from '../knowledge/lexicon-schema.js';
import type { FindingMention } from './types.js';
import { CueFinder, type SentenceCues } from './negation.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Match, type Token } from './phrases.js';

const DEFAULT_WINDOW = 12;
/** An implied concept (from the pending question) has no position in the text. */
const VIRTUAL = -1;

interface Located extends Match<string> { negated: boolean }

export class FindingDetector {
  private readonly concepts: PhraseSet<string>;
  private readonly cues: CueFinder;
  private readonly patterns: [FindingId, FindingPatterns][];

  constructor(private readonly lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser) {
    this.concepts = new PhraseSet<string>(fillers, norm);
    for (const [name, phrases] of Object.entries(lex.concepts)) this.concepts.addAll(name, phrases);
    this.cues = new CueFinder(lex, fillers, norm);
    this.patterns = Object.entries(lex.findings) as [FindingId, FindingPatterns][];
  }

  /** Tokens inside concept phrases: "no" in "no time" is part of a phrase, not an answer. */
  covered(sentences: readonly Token[][]): Set<Token> {
    const out = new Set<Token>();
    for (const toks of sentences) for (const m of this.concepts.longest(toks)) for (let i = m.start; i < m.end; i += 1) out.add(toks[i]!);
    return out;
  }

  /**
   * All findings in the sentences. `implied` lists findings whose `implied` concepts count as said (the
   * pending question's findings); a rule must still match at least one concept in the text itself.
   */
  detect(sentences: readonly Token[][], implied: readonly FindingId[] = []): FindingMention[] {
    const found = new Map<FindingId, FindingMention>();
    for (const toks of sentences) {
      const fired = this.detectSentence(toks, implied);
      // Overrides within the sentence: "weak for months but getting worse" is progressive, not stable.
      for (const m of fired.values()) {
        const o = this.lex.findings[m.id]?.overrides ?? [];
        if (m.status === 'present') for (const id of o) fired.delete(id);
      }
      for (const m of fired.values()) merge(found, m);
    }
    return [...found.values()];
  }

  private detectSentence(toks: readonly Token[], implied: readonly FindingId[]): Map<FindingId, FindingMention> {
    const out = new Map<FindingId, FindingMention>();
    if (toks.length === 0) return out;
    const matches = this.concepts.longest(toks);
    const consumed = new Array<boolean>(toks.length).fill(false);
    for (const m of matches) for (let i = m.start; i < m.end; i += 1) consumed[i] = true;
    const cues = this.cues.find(toks, consumed);
    const byConcept = new Map<string, Located[]>();
    for (const m of matches) {
      let negated = false;
      for (let i = m.start; i < m.end; i += 1) if (cues.negated[i]) negated = true;
      const list = byConcept.get(m.label) ?? [];
      list.push({ ...m, negated });
      byConcept.set(m.label, list);
    }
    const impliedConcepts = new Set<string>();
    for (const id of implied) for (const c of this.lex.findings[id]?.implied ?? []) impliedConcepts.add(c);

    for (const [id, pat] of this.patterns) {
      const result = this.evaluate(pat, byConcept, implied.includes(id) ? impliedConcepts : new Set());
      if (!result) continue;
      if (pat.dropIfResolved && cues.resolved) continue;
      if (pat.dropIfOtherPerson && someoneElse(cues, result.start)) continue;
      out.set(id, {
        id,
        status: result.negated ? 'absent' : 'present',
        hedged: !result.negated && cues.hedged,
        confidence: result.confidence,
      });
    }
    return out;
  }

  /** The best way the finding's rules match: a non-negated match beats a negated one. */
  private evaluate(pat: FindingPatterns, byConcept: ReadonlyMap<string, Located[]>, implied: ReadonlySet<string>):
    { negated: boolean; start: number; confidence: number } | null {
    let best: { negated: boolean; start: number; confidence: number } | null = null;
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
        let ok = true;
        for (const c of real.slice(1)) {
          const pick = nearest(byConcept.get(c)!, anchor);
          start = Math.min(start, pick.start);
          end = Math.max(end, pick.end);
          negated ||= pick.negated;
          if (end - start > window) { ok = false; break; }
        }
        if (!ok) continue;
        const confidence = real.length < rule.all.length ? 0.7 : rule.all.length > 1 ? 0.9 : 0.85;
        const cand = { negated, start: start === VIRTUAL ? 0 : start, confidence };
        if (!best || (best.negated && !negated) || (best.negated === negated && confidence > best.confidence)) best = cand;
      }
    }
    return best;
  }
}

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

/** "my aunt had leukaemia": another person is named before the mention and the patient is not the subject. */
function someoneElse(cues: SentenceCues, at: number): boolean {
  if (cues.otherAt < 0 || cues.otherAt > at) return false;
  return !cues.firstAt.some((p) => p > cues.otherAt && p < at);
}

/** Present wins over absent across sentences: one clear report outweighs a denial elsewhere (safety first). */
function merge(found: Map<FindingId, FindingMention>, m: FindingMention): void {
  const prev = found.get(m.id);
  if (!prev || (prev.status === 'absent' && m.status === 'present')) { found.set(m.id, m); return; }
  if (prev.status === m.status) {
    found.set(m.id, { ...prev, hedged: prev.hedged && m.hedged, confidence: Math.max(prev.confidence, m.confidence) });
  }
}
