// Everything that can come before the pending question's answer, decided in one place and one order per turn:
// an emergency stated (the assessment now), an emergency sign suggested (its direct question now), then the
// global requests (help, contact, a term, another language, changing an answer, restart, forget-me, goodbye).
import type { FindingId } from '../src/knowledge/ids.js';
import type { Knowledge } from '../src/knowledge/load.js';
import type { Messages, Question } from '../src/knowledge/schemas.js';
import type { IntentMatch } from '../src/nlu/types.js';
import { fill, type ClinicInfo } from '../src/render/template.js';
import { glossaryAnswer } from './explain.js';
import { questionById } from './form.js';
import type { MessageReading } from '../src/nlu/types.js';
import { presentEmergency } from './answers.js';
import type { Reply, SayKey } from './replies.js';
import type { Interview } from './state.js';

export type Interruption =
  | { kind: 'emergency' }
  | { kind: 'safety'; questionId: string }
  /** A reply, then the pending question again. */
  | { kind: 'aside'; reply: Reply }
  | { kind: 'confirm'; what: 'restart' | 'forget' }
  | { kind: 'goodbye' };

/** Requests that win even when the words could also answer the question ("forget me" is not low adherence). */
const ALWAYS_HONOURED = new Set<IntentMatch['name']>(['forget', 'restart']);

/** Requests answered with a text from content, after which the pending question comes back. */
const ASIDES = {
  help: 'help', contact: 'contact', language: 'otherLanguage', change: 'changeAnswer',
} as const satisfies Partial<Record<IntentMatch['name'], SayKey & keyof Messages>>;

/**
 * The interruption of this turn, if any; the message's findings are already recorded. `opening`: the person's
 * first message (nothing said yet that a restart could clear).
 */
export function interruption(state: Interview, reading: MessageReading, k: Knowledge, clinic: ClinicInfo, opening: boolean): Interruption | undefined {
  if (presentEmergency(state.answers, k).length > 0) return { kind: 'emergency' };
  const safety = safetyQuestion(state, reading, k);
  if (safety) return { kind: 'safety', questionId: safety };
  const intent = reading.analysis.intent;
  if (!intent) return undefined;
  if (opening && ALWAYS_HONOURED.has(intent.name)) return undefined;
  // A message that answers the pending question is an answer, whatever else it resembles ("I do what I'm told").
  const pending = state.asking ? questionById(k, state.asking.id) : undefined;
  if (pending && !ALWAYS_HONOURED.has(intent.name) && reading.answer(pending, false).outcome === 'answered') return undefined;
  return request(intent, k, clinic);
}

/** A global request as an interruption, wherever in the conversation it comes. */
export function request(intent: IntentMatch | null, k: Knowledge, clinic: ClinicInfo): Interruption | undefined {
  if (!intent) return undefined;
  const aside = (ASIDES as Partial<Record<IntentMatch['name'], (typeof ASIDES)[keyof typeof ASIDES]>>)[intent.name];
  if (aside) return { kind: 'aside', reply: { kind: 'say', key: aside, text: fill(k.messages[aside], clinic) } };
  switch (intent.name) {
    case 'define': return { kind: 'aside', reply: { kind: 'say', key: 'glossary', text: glossaryAnswer(k, intent.term, clinic) } };
    case 'restart': case 'forget': return { kind: 'confirm', what: intent.name };
    case 'goodbye': return { kind: 'goodbye' };
    default: return undefined;
  }
}

/**
 * TRIAGE.md rule 7: an emergency sign the message suggests without stating it gets its direct question now,
 * once per conversation, unless that question is the one being answered or the sign is already settled.
 */
function safetyQuestion(state: Interview, reading: MessageReading, k: Knowledge): string | undefined {
  for (const m of reading.analysis.findings) {
    if (m.status !== 'suspected' || state.answers.findings[m.id] === 'present') continue;
    if (k.findings.get(m.id)?.urgency !== 'emergency') continue;
    // A question about a sign already answered ("is a fall a bad sign?" after "no") is not asked again.
    if (state.answers.findings[m.id] !== undefined && m.qualifiers.temporality === 'hypothetical') continue;
    const q = questionFor(k, m.id);
    if (!q || q.id === state.asking?.id || state.safetyAsked.includes(q.id)) continue;
    state.safetyAsked.push(q.id);
    return q.id;
  }
  return undefined;
}

const questionFor = (k: Knowledge, id: FindingId): Question | undefined =>
  k.questions.find((q) => q.stage === 'redflag' && q.asks.includes(id)) ?? k.questions.find((q) => q.asks.includes(id));
