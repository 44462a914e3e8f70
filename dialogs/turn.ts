import type { TurnContext } from 'botbuilder';
import type { Matcher } from '../src/nlu/index.js';
import type { Analysis } from '../src/nlu/types.js';

const TURN_KEY = Symbol('secondLook.turn');

/** The person's words for this turn, read once and shared by every dialog that looks at them. */
export interface TurnInput {
  text: string;
  analysis: Analysis;
}

/**
 * The text of a message: typed text, or a card submit's `value` ({text} or {answer}), as Teams and
 * Adaptive Cards send it. Empty when there is nothing to read.
 */
export function messageText(ctx: TurnContext): string {
  const text = typeof ctx.activity.text === 'string' ? ctx.activity.text.trim() : '';
  if (text) return text;
  const value: unknown = ctx.activity.value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['text', 'answer', 'value']) if (typeof v[key] === 'string' && (v[key] as string).trim()) return (v[key] as string).trim();
  }
  return typeof value === 'string' ? value.trim() : '';
}

export function readTurn(ctx: TurnContext, matcher: Matcher): TurnInput {
  const cached = ctx.turnState.get(TURN_KEY) as TurnInput | undefined;
  if (cached) return cached;
  const text = messageText(ctx);
  const input = { text, analysis: matcher.analyse(text) };
  ctx.turnState.set(TURN_KEY, input);
  return input;
}

/** Durations and adherence typed in passing count only when the sentence is about PT itself. */
export const PT_CONTEXT = /\b(pt|physio\w*|physical therap\w*|therap\w*|sessions?|exercis\w*|rehab\w*|programme|program|routine|stretches)\b/i;
