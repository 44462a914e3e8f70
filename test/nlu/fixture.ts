/** Shared matcher for the nlu tests: the real lexicon, the real glossary when it exists, else a small one. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LexiconFile, type Lexicon } from '../../src/knowledge/lexicon-schema.js';
import { GlossaryFile, QuestionsFile, type GlossaryEntry, type Question } from '../../src/knowledge/schemas.js';
import { createMatcher, type Matcher } from '../../src/nlu/index.js';

const CONTENT = join(process.cwd(), 'content');

export const lexicon: Lexicon = LexiconFile.parse(parse(readFileSync(join(CONTENT, 'lexicon.yaml'), 'utf8')));

const FALLBACK_GLOSSARY: GlossaryEntry[] = [
  { term: 'MRI', aliases: ['magnetic resonance imaging', 'MRI scan'], definition: 'A scan.', sources: ['TRIAGE.md'] },
  { term: 'CT scan', aliases: ['CT', 'CAT scan'], definition: 'A scan.', sources: ['TRIAGE.md'] },
  { term: 'radiofrequency ablation', aliases: ['RFA'], definition: 'A procedure.', sources: ['TRIAGE.md'] },
  { term: 'cauda equina syndrome', aliases: ['cauda equina', 'CES'], definition: 'A condition.', sources: ['TRIAGE.md'] },
];

export const glossary: GlossaryEntry[] = existsSync(join(CONTENT, 'glossary.yaml'))
  ? GlossaryFile.parse(parse(readFileSync(join(CONTENT, 'glossary.yaml'), 'utf8'))).glossary
  : FALLBACK_GLOSSARY;

export const FIXED_NOW = new Date(2025, 3, 2); // 2 April: "since mid-January" is about 11 weeks

let shared: Matcher | null = null;
export function matcher(): Matcher {
  shared ??= createMatcher({ lexicon, glossary, now: () => FIXED_NOW });
  return shared;
}

const questionsFile = join(CONTENT, 'questions.yaml');
export const questions: Question[] = QuestionsFile.parse(parse(readFileSync(questionsFile, 'utf8'))).questions;
export function question(id: string): Question {
  const q = questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

export const EMERGENCY = ['bladder_bowel', 'saddle_numbness', 'progressive_weakness', 'major_trauma'] as const;
export const URGENT = ['fever', 'weight_loss', 'cancer_history', 'night_pain', 'stable_weakness', 'sudden_severe'] as const;
