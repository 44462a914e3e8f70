/**
 * Global intents (help, restart, define, ...): a naive Bayes classifier trained at start-up on the lexicon's
 * examples, including a `none` class of symptom talk and answers, plus guards, because a symptom must never
 * be taken for "goodbye". Definitions are read by pattern ("what is X", "what does X mean") and X is looked
 * up in the glossary.
 */
// The Bayes classifier's own file: the classifiers index also loads the others (see natural-files.d.ts).
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import * as distance from 'natural/lib/natural/distance/index.js';
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { GlossaryEntry } from '../knowledge/schemas.js';
import { GLOBAL_INTENTS, type GlobalIntent, type IntentMatch } from './types.js';
import type { Token } from './phrases.js';

const { JaroWinklerDistance } = distance;

/** Intents are short requests; a long message is about symptoms even if it says "bye" at the end. */
const MAX_WORDS = 12;
/** The stems `run` occur in `stems` one after another. */
const containsRun = (stems: readonly string[], run: readonly string[]): boolean =>
  run.length > 0 && stems.some((_, i) => run.every((r, j) => stems[i + j] === r));
/** "MRIs" → "mri": glossary terms are looked up in the singular. */
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const isIntent = (s: string): s is GlobalIntent => (GLOBAL_INTENTS as readonly string[]).includes(s);

export class IntentClassifier {
  private readonly bayes = new BayesClassifier();
  private readonly vocab = new Set<string>();
  /** Content stems seen in each intent's examples. */
  private readonly labelVocab = new Map<string, Set<string>>();
  private readonly terms = new Map<string, string>();
  private readonly prefixes: string[][];
  /** Intents that lose data are taken only on an explicit phrase ("start over", "delete my data"). */
  private readonly commands = new Map<string, string[][]>();
  private readonly suffixes: string[][];
  /** Before a glossary term: "what is an MRI". */
  private readonly articles: ReadonlySet<string>;
  /** Function words carry no intent; coverage is measured on the other words. */
  private readonly functionWords: ReadonlySet<string>;

  constructor(lex: Lexicon, glossary: readonly GlossaryEntry[], toTokens: (t: string) => Token[]) {
    this.articles = new Set(lex.intents.articles);
    this.functionWords = new Set(lex.intents.functionWords);
    for (const [label, examples] of Object.entries(lex.intents.examples)) {
      for (const ex of examples) {
        const stems = toTokens(ex).filter((t) => !t.b).map((t) => t.s);
        if (stems.length === 0) continue;
        stems.forEach((s) => this.vocab.add(s));
        const lv = this.labelVocab.get(label) ?? new Set<string>();
        stems.forEach((s) => lv.add(s));
        this.labelVocab.set(label, lv);
        this.bayes.addDocument(stems, label);
      }
    }
    this.bayes.train();
    const key = (t: string): string => toTokens(t).filter((x) => !x.b && !this.articles.has(x.w)).map((x) => singular(x.w)).join(' ');
    for (const g of glossary) for (const name of [g.term, ...g.aliases]) {
      const k = key(name);
      if (k && !this.terms.has(k)) this.terms.set(k, g.term);
    }
    const words = (p: string): string[] => toTokens(p).filter((t) => !t.b).map((t) => t.w);
    // Longest prefixes first so "what does" is tried before "what".
    this.prefixes = lex.intents.definePrefixes.map(words).sort((a, b) => b.length - a.length);
    this.suffixes = lex.intents.defineSuffixes.map(words).sort((a, b) => b.length - a.length);
    this.threshold = lex.intents.threshold;
    for (const [label, phrases] of Object.entries(lex.intents.commands)) {
      this.commands.set(label, phrases.map((p) => toTokens(p).filter((t) => !t.b && !this.articles.has(t.w)).map((t) => t.s)));
    }
  }

  private readonly threshold: number;

  /** The intent of a message, or null. `hasFindings`: a symptom was reported, so no intent applies. */
  classify(toks: readonly Token[], hasFindings: boolean): IntentMatch | null {
    const words = toks.filter((t) => !t.b);
    if (hasFindings || words.length === 0 || words.length > MAX_WORDS) return null;
    const define = this.define(words);
    if (define) return define;
    const stems = words.map((t) => t.s);
    const known = stems.filter((s) => this.vocab.has(s)).length;
    if (known === 0 || known / stems.length < 0.5) return null;
    const cls = this.bayes.getClassifications(stems);
    // natural returns unnormalised class scores; the share of the best two is a stable confidence.
    const top = cls[0];
    const second = cls[1];
    if (!top || top.value <= 0) return null;
    const confidence = top.value / (top.value + (second?.value ?? 0));
    if (!isIntent(top.label) || confidence < this.threshold) return null;
    // Most content words must be ones this intent's examples use: "my physio keeps running late" shares
    // only "keep" with "do not keep my details", so it is not a request to forget.
    const content = words.filter((t) => !this.functionWords.has(t.w)).map((t) => t.s);
    const lv = this.labelVocab.get(top.label)!;
    if (content.length > 0 && content.filter((s) => lv.has(s)).length / content.length < 0.5) return null;
    if (top.label === 'define') return { name: 'define', confidence, term: this.lookup(words.map((t) => t.w)) };
    const command = this.commands.get(top.label);
    if (command && !command.some((c) => containsRun(stems.filter((_, i) => !this.articles.has(words[i]!.w)), c))) return null;
    return { name: top.label, confidence };
  }

  /** "what is an MRI?", "what does RFA mean?", "what's a CT scan for?" */
  private define(words: readonly Token[]): IntentMatch | null {
    const ws = words.map((t) => t.w);
    for (const p of this.prefixes) {
      if (p.length === 0 || p.length >= ws.length || !p.every((w, i) => ws[i] === w)) continue;
      let rest = ws.slice(p.length);
      for (const s of this.suffixes) {
        if (s.length < rest.length && s.every((w, i) => rest[rest.length - s.length + i] === w)) { rest = rest.slice(0, rest.length - s.length); break; }
      }
      while (rest.length && this.articles.has(rest[0]!)) rest = rest.slice(1);
      if (rest.length === 0 || rest.length > 5) return null;
      const term = this.lookup(rest);
      // An unknown "what is X" is still a definition request only when it is short, like a term.
      if (term === null && rest.length > 3) return null;
      return { name: 'define', confidence: term ? 0.95 : 0.7, term };
    }
    return null;
  }

  /** The glossary's canonical term for some words: exact stems, then any sub-phrase, then a close spelling. */
  lookup(words: readonly string[]): string | null {
    const stems = words.filter((w) => !this.articles.has(w)).map(singular);
    for (let len = stems.length; len >= 1; len -= 1) {
      for (let i = 0; i + len <= stems.length; i += 1) {
        const hit = this.findTerm(stems.slice(i, i + len));
        if (hit) return hit;
      }
    }
    return null;
  }

  private findTerm(words: readonly string[]): string | null {
    const joined = words.join(' ');
    for (const [k, term] of this.terms) {
      if (k === joined || k.replace(/ /g, '') === joined.replace(/ /g, '')) return term;  // "ct scan" = "ctscan"
    }
    if (joined.length >= 5) {
      for (const [k, term] of this.terms) if (JaroWinklerDistance(k, joined) >= 0.93) return term;
    }
    return null;
  }
}
