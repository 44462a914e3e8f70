import type { TurnContext } from 'botbuilder';
import { citeSources, fill } from '../src/render/template.js';
import type { IntentMatch } from '../src/nlu/types.js';
import { deliverAssessment } from './assessment.js';
import { presentEmergency, recordFacts, recordMentions } from './record.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';
import { PT_CONTEXT, readTurn, type TurnInput } from './turn.js';

const ABSORBED = Symbol('secondLook.absorbed');
const RESTART = Symbol('secondLook.restart');

export type RestartKind = 'restart' | 'forget';

/**
 * Folds this turn's free text into the answers, once per turn however many dialogs look at it:
 * findings mentioned anywhere are kept, and PT facts stated in passing fill gaps.
 */
export async function absorbTurn(ctx: TurnContext, services: DialogServices): Promise<TurnInput> {
  const input = readTurn(ctx, services.matcher);
  if (ctx.turnState.get(ABSORBED)) return input;
  ctx.turnState.set(ABSORBED, true);
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  recordMentions(session.answers, input.analysis.findings);
  recordFacts(session.answers, input.analysis, PT_CONTEXT.test(input.text));
  return input;
}

/** TRIAGE.md rule 1: an emergency finding ends the conversation with the emergency assessment, this turn. */
export async function emergencyFound(ctx: TurnContext, services: DialogServices): Promise<boolean> {
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  return presentEmergency(session.answers, services.knowledge).length > 0;
}

export const restartRequested = (ctx: TurnContext): RestartKind | undefined => ctx.turnState.get(RESTART) as RestartKind | undefined;

export function glossaryAnswer(services: DialogServices, term: string | null | undefined): string {
  const entry = term ? services.knowledge.glossary.find((g) => g.term === term) : undefined;
  if (!entry) return fill(services.knowledge.messages.unknownTerm, services.clinic);
  return `**${entry.term}**: ${entry.definition} ${citeSources(entry.sources)}`;
}

/**
 * Global intents that may interrupt any question. Returns 'reprompt' when the pending question should be
 * asked again, 'end' when the dialogs should stop (restart, forget, goodbye), or null when not an interruption.
 */
export async function handleGlobalIntent(ctx: TurnContext, services: DialogServices, intent: IntentMatch | null): Promise<'reprompt' | 'end' | null> {
  if (!intent) return null;
  const m = services.knowledge.messages;
  const say = (text: string) => ctx.sendActivity(fill(text, services.clinic));
  switch (intent.name) {
    case 'help': await say(m.help); return 'reprompt';
    case 'contact': await say(m.contact); return 'reprompt';
    case 'language': await say(m.otherLanguage); return 'reprompt';
    case 'define': await ctx.sendActivity(glossaryAnswer(services, intent.term)); return 'reprompt';
    case 'restart': case 'forget':
      ctx.turnState.set(RESTART, intent.name);
      return 'end';
    case 'goodbye': await say(m.goodbye); return 'end';
    default: return null;
  }
}

/** Runs before the pending dialog reads the answer: emergencies first, then global intents. */
export async function interrupt(ctx: TurnContext, services: DialogServices): Promise<'assessed' | 'reprompt' | 'end' | null> {
  const alreadyAbsorbed = Boolean(ctx.turnState.get(ABSORBED));
  const input = await absorbTurn(ctx, services);
  if (alreadyAbsorbed) return null;
  if (await emergencyFound(ctx, services)) {
    await deliverAssessment(ctx, services);
    return 'assessed';
  }
  const intent = input.analysis.intent;
  if (intent && !ALWAYS_HONOURED.has(intent.name) && await answersPendingQuestion(ctx, services, input.text)) return null;
  return handleGlobalIntent(ctx, services, intent);
}

/** Requests that win even when the words could also answer the question ("forget me" is not low adherence). */
const ALWAYS_HONOURED = new Set<IntentMatch['name']>(['forget', 'restart']);

/** A message that answers the pending question is an answer, whatever else it resembles ("I do what I'm told"). */
async function answersPendingQuestion(ctx: TurnContext, services: DialogServices, text: string): Promise<boolean> {
  const { pendingQuestion } = await services.session.get(ctx, SESSION_DEFAULT);
  const question = services.knowledge.questions.find((q) => q.id === pendingQuestion);
  return question !== undefined && services.matcher.interpret(question, text, false).outcome === 'answered';
}
