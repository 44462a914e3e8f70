// Drives the real bot (real content, real matcher, memory storage) through botbuilder's TestAdapter.
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot.js';
import { loadKnowledge, type Knowledge } from '../../src/knowledge/load.js';
import type { Matcher } from '../../src/nlu/index.js';
import { matcherFor } from '../../src/understanding.js';

let shared: { knowledge: Knowledge; matcher: Matcher } | undefined;
export function sharedKnowledge(): { knowledge: Knowledge; matcher: Matcher } {
  shared ??= (() => {
    const knowledge = loadKnowledge();
    return { knowledge, matcher: matcherFor(knowledge) };
  })();
  return shared;
}

export const CLINIC = { emergencyNumber: '112', clinicName: 'Riverside Spine Clinic', clinicPhone: '555-0100' };

export interface Chat {
  /** Sends a message (or any activity) and returns the bot's replies to it. */
  say(input: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** conversationUpdate adding the user. */
  start(): Promise<Partial<Activity>[]>;
}

export function chat(channelId = 'test'): Chat {
  const { knowledge, matcher } = sharedKnowledge();
  const bot = createBot({ storage: new MemoryStorage(), knowledge, settings: CLINIC, matcher });
  const adapter = new TestAdapter(async (ctx) => { await bot.run(ctx); });
  const send = async (activity: Partial<Activity>) => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({ channelId, ...activity });
    return adapter.activeQueue.splice(0) as Partial<Activity>[];
  };
  return {
    say: (input) => send(typeof input === 'string' ? { type: 'message', text: input } : input),
    start: () => send({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } }),
  };
}

export const texts = (replies: Partial<Activity>[]): string => replies.map((r) => r.text ?? '').join('\n');

export interface TriageData { urgency: string; findings: { id: string; status: string; urgency: string }[]; reasons: string[]; sources: string[]; action: string }
export const triageOf = (replies: Partial<Activity>[]): TriageData | undefined =>
  replies.map((r) => (r.channelData as { triage?: TriageData } | undefined)?.triage).find(Boolean);

/** Answers `answer` until a reply matches `pattern` (a question the test wants to reach); returns that reply. */
export async function answerUntil(c: Chat, pattern: RegExp, answer = 'no', max = 10): Promise<Partial<Activity>[]> {
  let replies = await c.say(answer);
  for (let i = 0; i < max && !pattern.test(texts(replies)); i += 1) replies = await c.say(answer);
  return replies;
}

/** Answers `answer` until the assessment arrives; returns its channelData.triage. */
export async function toAssessment(c: Chat, answer = 'no', max = 20): Promise<TriageData | undefined> {
  for (let i = 0; i < max; i += 1) {
    const t = triageOf(await c.say(answer));
    if (t) return t;
  }
  return undefined;
}
