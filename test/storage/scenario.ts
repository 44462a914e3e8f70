// One scripted patient, played turn by turn over HTTP, so a suite can kill, restart or switch the server
// between turns. The reference is the same patient on one in-process server.
import { postActivity, conversation, startTestServer, type Activity } from '../support/server.js';
import { SimulatedPatient } from '../../scripts/lib/patient.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

/** Weakness in one foot (urgent), nothing else: long enough to stop in the red-flag questions. */
export const patient = () => new SimulatedPatient({
  pt_duration: 'about ten weeks',
  adherence: 'most days',
  progress: 'about the same',
  weakness: 'yes, my left foot is a bit weak but it has not changed',
});

export interface Triage { urgency: string; findings: { id: string; status: string }[] }

export const triageOf = (replies: Activity[]): Triage | undefined =>
  replies.map((a) => (a.channelData as { triage?: Triage } | undefined)?.triage).find(Boolean);

/** The last message text: the question the patient answers next. */
export const lastText = (replies: Activity[]): string =>
  replies.filter((a) => a.type === 'message' && a.text).map((a) => a.text!).at(-1) ?? '';

const questions = loadKnowledge().questions;
/** True when `text` asks one of the red-flag questions. */
export const isRedFlagQuestion = (text: string): boolean =>
  questions.some((q) => q.stage === 'redflag' && text.includes(q.text.trim().slice(0, 40)));

export interface Walk { conversationId: string; questions: string[]; triage: Triage | undefined }

/**
 * Plays the patient: `urlForTurn(n)` says which server takes turn n (0 is the conversationUpdate), and
 * `beforeTurn` may stop or restart servers first.
 */
export async function walk(
  urlForTurn: (turn: number) => string,
  beforeTurn: (turn: number, lastQuestion: string) => Promise<void> = async () => {},
): Promise<Walk> {
  const c = conversation('http://unused'); // ids only: each turn goes to urlForTurn(turn)
  const say = (turn: number, fields: Record<string, unknown>) =>
    postActivity(urlForTurn(turn), { ...c.base(), type: 'message', ...fields });
  const who = patient();
  let replies = await say(0, { type: 'conversationUpdate', membersAdded: [c.base().from, c.base().recipient] });
  const asked = [lastText(replies)];
  for (let turn = 1; turn < 30; turn += 1) {
    await beforeTurn(turn, asked.at(-1)!);
    replies = await say(turn, { text: who.reply(asked.at(-1)!), textFormat: 'plain' });
    const triage = triageOf(replies);
    if (triage) return { conversationId: c.id, questions: asked, triage };
    asked.push(lastText(replies));
  }
  return { conversationId: c.id, questions: asked, triage: undefined };
}

/** The same patient on one in-process server with memory storage: what every other run must match. */
export async function referenceWalk(): Promise<Walk> {
  const app = await startTestServer();
  try {
    return await walk(() => app.url);
  } finally {
    await app.close();
  }
}
