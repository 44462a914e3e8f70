// Explanations asked for during the interview: a term from the glossary, and why a question is asked. Both cite
// their sources.
import type { Knowledge } from '../src/knowledge/load.js';
import type { Question } from '../src/knowledge/schemas.js';
import { citeSources, fill, type ClinicInfo } from '../src/render/template.js';

export function glossaryAnswer(k: Pick<Knowledge, 'glossary' | 'messages'>, term: string | null | undefined, clinic: ClinicInfo): string {
  const entry = term ? k.glossary.find((g) => g.term === term) : undefined;
  if (!entry) return fill(k.messages.unknownTerm, clinic);
  return `**${entry.term}**: ${entry.definition} ${citeSources(entry.sources, k.messages)}`;
}

/** "Why do you ask?": the question's own reason, or the reason of the first finding it asks about, with sources. */
export function whyWeAsk(k: Pick<Knowledge, 'findings' | 'messages'>, q: Question, clinic: ClinicInfo): string {
  const reasons = q.why ? [q.why] : q.asks.map((id) => k.findings.get(id)).filter((f) => f !== undefined)
    .slice(0, 1).map((f) => ({ text: lowerFirst(f.why), sources: f.sources }));
  const why = reasons.map((r) => `${r.text} ${citeSources(r.sources, k.messages)}`).join(' ');
  return fill(k.messages.whyWeAsk, clinic).replace('{why}', why);
}

const lowerFirst = (t: string): string => (/^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t);
