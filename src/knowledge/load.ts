import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';
import { FINDING_IDS, type FindingId } from './ids.js';
import { LexiconCore, LexiconPart, type FindingPatterns, type Lexicon } from './lexicon-schema.js';
import {
  FindingsFile, GlossaryFile, MessagesFile, NextStepsFile, QuestionsFile, ReasonsFile,
  type Finding, type GlossaryEntry, type Messages, type NextStep, type Question, type Reason, type Stage,
} from './schemas.js';

/** The typed, validated view of content/ that every other room reads. */
export interface Knowledge {
  findings: ReadonlyMap<FindingId, Finding>;
  questions: readonly Question[];
  /** The interview's stages, in the order they are asked. */
  stages: readonly Stage[];
  reasons: readonly Reason[];
  nextSteps: readonly NextStep[];
  glossary: readonly GlossaryEntry[];
  messages: Messages;
  lexicon: Lexicon;
}

/** A content file that is missing, unparsable or invalid: names the file and the field at fault. */
export class ContentError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`content error in ${file}${field ? ` at ${field}` : ''}: ${detail}`);
    this.name = 'ContentError';
  }
}

/** content/ at the package root, found from this module whether it runs from src/ (tsx) or dist/src/ (node). */
function findContentDir(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'content');
    dir = resolve(dir, '..');
  }
  return resolve('content');
}
export const DEFAULT_CONTENT_DIR = findContentDir();

function readFile<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> {
  const file = join(dir, name);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ContentError(file, '', (err as Error).message.split('\n')[0] ?? 'unreadable');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join('.') || '(root)', issue.message);
  }
  return result.data;
}

/** Cross-file checks zod cannot see: every finding defined once, every reference resolvable. */
function checkReferences(dir: string, k: Knowledge, findingList: Finding[]): void {
  const seen = new Set<string>();
  findingList.forEach((f, i) => {
    if (seen.has(f.id)) throw new ContentError(join(dir, 'findings.yaml'), `findings.${i}.id`, `duplicate finding ${f.id}`);
    seen.add(f.id);
  });
  // The triage function needs every TRIAGE.md finding: a missing one could silently under-triage.
  const missing = FINDING_IDS.filter((id) => !seen.has(id));
  if (missing.length > 0) throw new ContentError(join(dir, 'findings.yaml'), 'findings', `missing findings: ${missing.join(', ')}`);
  k.questions.forEach((q, i) => q.asks.forEach((id, j) => {
    if (!k.findings.has(id)) throw new ContentError(join(dir, 'questions.yaml'), `questions.${i}.asks.${j}`, `unknown finding ${id}`);
  }));
  const ids = new Set<string>();
  k.questions.forEach((q, i) => {
    if (ids.has(q.id)) throw new ContentError(join(dir, 'questions.yaml'), `questions.${i}.id`, `duplicate question ${q.id}`);
    ids.add(q.id);
  });
  checkSourceTitles(dir, k, findingList);
}

/** Every source content cites is named to people by its title (messages.sources.titles): none may lack one. */
function checkSourceTitles(dir: string, k: Knowledge, findingList: Finding[]): void {
  const titles = k.messages.sources.titles;
  const cited: (readonly [file: string, field: string, sources: readonly string[]])[] = [
    ...findingList.map((f, i) => ['findings.yaml', `findings.${i}.sources`, f.sources] as const),
    ...k.questions.flatMap((q, i) => (q.why ? [['questions.yaml', `questions.${i}.why.sources`, q.why.sources] as const] : [])),
    ...k.reasons.map((r, i) => ['reasons.yaml', `reasons.${i}.sources`, r.sources] as const),
    ...k.nextSteps.map((s, i) => ['next-steps.yaml', `nextSteps.${i}.sources`, s.sources] as const),
    ...k.glossary.map((g, i) => ['glossary.yaml', `glossary.${i}.sources`, g.sources] as const),
  ];
  for (const [file, field, sources] of cited) sources.forEach((source, j) => {
    if (!Object.hasOwn(titles, source)) {
      throw new ContentError(join(dir, file), `${field}.${j}`, `source ${source} has no title: add it to messages.yaml at messages.sources.titles`);
    }
  });
}

/** content/lexicon.yaml plus every topic file in content/lexicon/: a concept or finding is defined once. */
function readLexicon(dir: string): Lexicon {
  const core = readFile(dir, 'lexicon.yaml', LexiconCore);
  const lexicon: Lexicon = { ...core, concepts: {}, findings: {} };
  const partsDir = join(dir, 'lexicon');
  const names = existsSync(partsDir) ? readdirSync(partsDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const name of names) {
    const file = join('lexicon', name);
    const part = readFile(dir, file, LexiconPart);
    for (const [c, phrases] of Object.entries(part.concepts)) {
      if (lexicon.concepts[c]) throw new ContentError(join(dir, file), `concepts.${c}`, `concept ${c} is already defined in another lexicon file`);
      lexicon.concepts[c] = phrases;
    }
    for (const [id, pat] of Object.entries(part.findings) as [FindingId, FindingPatterns][]) {
      if (lexicon.findings[id]) throw new ContentError(join(dir, file), `findings.${id}`, `finding ${id} already has rules in another lexicon file`);
      lexicon.findings[id] = pat;
    }
  }
  // Every concept a rule names must exist: a typo would silently switch the rule off.
  for (const [id, pat] of Object.entries(lexicon.findings) as [FindingId, FindingPatterns][]) {
    const named = [...pat.rules.flatMap((r) => [...r.all, ...r.none]), ...pat.implied, ...pat.frame];
    const unknown = named.find((c) => !lexicon.concepts[c]);
    if (unknown) throw new ContentError(join(dir, 'lexicon'), `findings.${id}`, `unknown concept ${unknown}`);
  }
  return lexicon;
}

export function loadKnowledge(dir: string = DEFAULT_CONTENT_DIR): Knowledge {
  const findingList = readFile(dir, 'findings.yaml', FindingsFile).findings;
  const interview = readFile(dir, 'questions.yaml', QuestionsFile);
  const knowledge: Knowledge = {
    findings: new Map(findingList.map((f) => [f.id, f])),
    questions: interview.questions,
    stages: interview.stages,
    reasons: readFile(dir, 'reasons.yaml', ReasonsFile).reasons,
    nextSteps: readFile(dir, 'next-steps.yaml', NextStepsFile).nextSteps,
    glossary: readFile(dir, 'glossary.yaml', GlossaryFile).glossary,
    messages: readFile(dir, 'messages.yaml', MessagesFile).messages,
    lexicon: readLexicon(dir),
  };
  checkReferences(dir, knowledge, findingList);
  return knowledge;
}
