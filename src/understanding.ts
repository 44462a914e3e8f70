// Wiring: the matcher with triage's judgement of what a mention means (the matcher itself never decides it).
import type { Knowledge } from './knowledge/load.js';
import { createMatcher, type Matcher } from './nlu/index.js';
import { judgeMention } from './triage/mentions.js';

export function matcherFor(knowledge: Pick<Knowledge, 'lexicon' | 'glossary' | 'findings'>, now?: () => Date): Matcher {
  return createMatcher({ lexicon: knowledge.lexicon, glossary: knowledge.glossary, judge: judgeMention(knowledge.findings), now });
}
