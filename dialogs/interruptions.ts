import type { TurnContext } from 'botbuilder';
import type { FindingId } from '../src/knowledge/ids.js';
import type { Question } from '../src/knowledge/schemas.js';
import { questionActivity } from '../src/render/choices.js';
import { citeSources, fill } from '../src/render/template.js';
import type { IntentMatch } from '../src/nlu/types.js';
import { deliverAssessment } from './assessment.js';
import { presentEmergency, recordFacts, recordMentions } from './record.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT, type Session } from './session.js';
import { PT_CONTEXT, readTurn, type TurnInput } from './turn.js';

const ABSORBED = Symbol('secondLook.absorbed');
const RESTART = Symbol('secondLook.restart');

export type RestartKind = 'restart' | 'forget';

/**
 * What an interruption asks the dialogs to do: the assessment was given, ask the pending question again,
 * stop, wait for the person's reply to something sent (a confirmation), or ask a safety question first.
 */
export type Interruption = 'assessed' | 'reprompt' | 'end' | 'hold' | { safety: string } | null;

/**
 * Folds this turn's free text into the answers, once per turn however many dialogs look at it:
 * findings mentioned anywhere are kept, and PT facts stated in passing fill gaps.
 */
export async function absorbTurn(ctx: TurnContext, services: DialogServices): Promise<TurnInput> {
  const input = readTurn(ctx, services.matcher);
  if (ctx.turnState.get(ABSORBED)) return input;
  ctx.turnState.set(ABSORBED, true);
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  recordMentions(session.answers, input.analysis.findings, input.analysis.correcting);
  // The first question ("how long…?") is where people tell their story: facts in it all count.
  const pending = pendingQuestionOf(services, session);
  recordFacts(session.answers, input.analysis, PT_CONTEXT.test(input.text), pending !== undefined && pending.kind !== 'duration');
  return input;
}

/** TRIAGE.md rule 1: an emergency finding ends the conversation with the emergency assessment, this turn. */
export async function emergencyFound(ctx: TurnContext, services: DialogServices): Promise<boolean> {
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  return presentEmergency(session.answers, services.knowledge).length > 0;
}

export const restartRequested = (ctx: TurnContext): RestartKind | undefined => ctx.turnState.get(RESTART) as RestartKind | undefined;
export const requestRestart = (ctx: TurnContext, kind: RestartKind): void => { ctx.turnState.set(RESTART, kind); };

export function glossaryAnswer(services: DialogServices, term: string | null | undefined): string {
  const entry = term ? services.knowledge.glossary.find((g) => g.term === term) : undefined;
  if (!entry) return fill(services.knowledge.messages.unknownTerm, services.clinic);
  return `**${entry.term}**: ${entry.definition} ${citeSources(entry.sources)}`;
}

/** "Why do you ask?": the question's own reason, or the reasons of the findings it asks about, with sources. */
export function whyWeAsk(services: DialogServices, q: Question): string {
  const m = services.knowledge.messages;
  const reasons = q.why ? [q.why] : q.asks.map((id) => services.knowledge.findings.get(id)).filter((f) => f !== undefined)
    .slice(0, 1).map((f) => ({ text: lowerFirst(f.why), sources: f.sources }));
  const why = reasons.map((r) => `${r.text} ${citeSources(r.sources)}`).join(' ');
  return fill(m.whyWeAsk, services.clinic).replace('{why}', why);
}
const lowerFirst = (t: string): string => (/^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t);

/**
 * Restart and forget-me clear what the person said, so they are confirmed with buttons first (the bot acts on
 * the next turn's "yes": src/bot/second-look-bot.ts).
 */
async function confirm(ctx: TurnContext, services: DialogServices, kind: RestartKind): Promise<void> {
  const m = services.knowledge.messages;
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  session.confirming = kind;
  await ctx.sendActivity(questionActivity(ctx.activity.channelId, fill(kind === 'forget' ? m.confirmForget : m.confirmRestart, services.clinic), [
    { title: m.confirmYes, value: 'yes' }, { title: m.confirmNo, value: 'no' },
  ]));
}

/**
 * Global intents that may interrupt any question. Returns 'reprompt' when the pending question should be
 * asked again, 'hold' when the bot waits for a confirmation, 'end' when the dialogs should stop (goodbye),
 * or null when not an interruption.
 */
export async function handleGlobalIntent(ctx: TurnContext, services: DialogServices, intent: IntentMatch | null): Promise<Interruption> {
  if (!intent) return null;
  const m = services.knowledge.messages;
  const say = (text: string) => ctx.sendActivity(fill(text, services.clinic));
  switch (intent.name) {
    case 'help': await say(m.help); return 'reprompt';
    case 'contact': await say(m.contact); return 'reprompt';
    case 'language': await say(m.otherLanguage); return 'reprompt';
    case 'change': await say(m.changeAnswer); return 'reprompt';
    case 'define': await ctx.sendActivity(glossaryAnswer(services, intent.term)); return 'reprompt';
    case 'restart': case 'forget':
      await confirm(ctx, services, intent.name);
      return 'hold';
    case 'goodbye': await say(m.goodbye); return 'end';
    default: return null;
  }
}

/**
 * TRIAGE.md rule 7: an emergency sign the message suggests without stating it gets its direct question now,
 * once per conversation, unless that question is the one being answered or the sign is already settled.
 */
export async function safetyQuestion(ctx: TurnContext, services: DialogServices, input: TurnInput): Promise<string | null> {
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  const pending = pendingQuestionOf(services, session);
  for (const m of input.analysis.findings) {
    if (m.status !== 'suspected' || session.answers.findings[m.id] === 'present') continue;
    if (services.knowledge.findings.get(m.id)?.urgency !== 'emergency') continue;
    // A question about a sign already answered ("is a fall a bad sign?" after "no") is not asked again.
    if (session.answers.findings[m.id] !== undefined && m.qualifiers.temporality === 'hypothetical') continue;
    const q = questionFor(services, m.id);
    if (!q || q.id === pending?.id || session.safetyAsked.includes(q.id)) continue;
    session.safetyAsked.push(q.id);
    return q.id;
  }
  return null;
}

const pendingQuestionOf = (services: DialogServices, session: Pick<Session, 'pendingQuestion'>): Question | undefined =>
  services.knowledge.questions.find((q) => q.id === session.pendingQuestion);

const questionFor = (services: DialogServices, id: FindingId): Question | undefined =>
  services.knowledge.questions.find((q) => q.stage === 'redflag' && q.asks.includes(id)) ?? services.knowledge.questions.find((q) => q.asks.includes(id));

/** Runs before the pending dialog reads the answer: emergencies first, then safety questions, then global intents. */
export async function interrupt(ctx: TurnContext, services: DialogServices): Promise<Interruption> {
  const alreadyAbsorbed = Boolean(ctx.turnState.get(ABSORBED));
  const input = await absorbTurn(ctx, services);
  if (alreadyAbsorbed) return null;
  if (await emergencyFound(ctx, services)) {
    await deliverAssessment(ctx, services);
    return 'assessed';
  }
  const safety = await safetyQuestion(ctx, services, input);
  if (safety) return { safety };
  const intent = input.analysis.intent;
  if (intent && !ALWAYS_HONOURED.has(intent.name) && await answersPendingQuestion(ctx, services, input.text)) return null;
  return handleGlobalIntent(ctx, services, intent);
}

/** Requests that win even when the words could also answer the question ("forget me" is not low adherence). */
const ALWAYS_HONOURED = new Set<IntentMatch['name']>(['forget', 'restart']);

/** A message that answers the pending question is an answer, whatever else it resembles ("I do what I'm told"). */
async function answersPendingQuestion(ctx: TurnContext, services: DialogServices, text: string): Promise<boolean> {
  const question = pendingQuestionOf(services, await services.session.get(ctx, SESSION_DEFAULT));
  return question !== undefined && services.matcher.interpret(question, text, false).outcome === 'answered';
}
