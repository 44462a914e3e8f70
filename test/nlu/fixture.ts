/** Shared matcher for the nlu tests: the real content, loaded and validated exactly as at start-up. */
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Lexicon } from '../../src/knowledge/lexicon-schema.js';
import type { GlossaryEntry, Question } from '../../src/knowledge/schemas.js';
import type { Matcher } from '../../src/nlu/index.js';
import { matcherFor } from '../../src/understanding.js';

const knowledge = loadKnowledge();
export const lexicon: Lexicon = knowledge.lexicon;
export const glossary: readonly GlossaryEntry[] = knowledge.glossary;

export const FIXED_NOW = new Date(2025, 3, 2); // 2 April: "since mid-January" is about 11 weeks

let shared: Matcher | null = null;
export function matcher(): Matcher {
  shared ??= matcherFor(knowledge, () => FIXED_NOW);
  return shared;
}

export const questions: readonly Question[] = knowledge.questions;
export function question(id: string): Question {
  const q = questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

export const EMERGENCY = ['bladder_bowel', 'saddle_numbness', 'progressive_weakness', 'major_trauma'] as const;
export const URGENT = ['fever', 'weight_loss', 'cancer_history', 'night_pain', 'stable_weakness', 'sudden_severe'] as const;
