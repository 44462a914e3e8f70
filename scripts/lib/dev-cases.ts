// Loads ../shared/dev-cases and plays them through the real HTTP server; shared by the mocha suites, `npm run eval`,
// the bench and the soak.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversation, type Activity } from './bot-client.js';
import { SimulatedPatient, type Topic } from './patient.js';

export type Urgency = 'emergency' | 'urgent' | 'soon' | 'routine';
const RANK: Record<Urgency, number> = { routine: 0, soon: 1, urgent: 2, emergency: 3 };

export interface Phrase { id: string; text: string; expect: 'emergency' | 'urgent' | 'none'; finding: string | null; kind: string }
export interface Vignette {
  id: string; summary: string; expect: Urgency; expect_findings: string[]; opening: string;
  answers: Partial<Record<Topic, string>>;
}

interface Triage { urgency: Urgency; findings: { id: string; status: string }[]; reasons: string[] }

export const DEV_CASES_DIR = process.env.DEV_CASES_DIR
  ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/dev-cases');

export const loadPhrases = (): Phrase[] => JSON.parse(readFileSync(join(DEV_CASES_DIR, 'phrases.json'), 'utf8')) as Phrase[];
export const loadVignettes = (): Vignette[] => JSON.parse(readFileSync(join(DEV_CASES_DIR, 'vignettes.json'), 'utf8')) as Vignette[];

const triageOf = (replies: Activity[]): Triage | undefined =>
  replies.map((a) => (a.channelData as { triage?: Triage } | undefined)?.triage).find(Boolean);

/** The last reply that reads as a question: what the patient answers next. */
const lastText = (replies: Activity[]): string => replies.filter((a) => a.type === 'message' && a.text).map((a) => a.text!).at(-1) ?? '';

export interface Played {
  triage: Triage | undefined; turns: number; transcript: string[]; emergencyAtTurn: number | null;
  /** The texts of the bot's replies to each message, by turn (1 = the first message). */
  repliesAt: string[][];
  firstReplies: string[];
}

/**
 * A whole conversation: conversationUpdate, then `opening` (if any), then the patient answers every question
 * until an assessment arrives. `inject` puts a message in at a given turn instead of the patient's answer.
 */
export interface PlayOptions {
  inject?: { atTurn: number; text: string };
  /** Milliseconds the patient takes to type each answer (the soak's pace); none by default. */
  thinkMs?: number;
}

export async function play(url: string, patient: SimulatedPatient, opening?: string, options: PlayOptions = {}): Promise<Played> {
  const { inject, thinkMs = 0 } = options;
  const convo = conversation(url);
  const transcript: string[] = [];
  let replies = await convo.start();
  const repliesAt: string[][] = [];
  let turns = 0;
  let message = opening;
  while (turns < 40) {
    if (message === undefined) {
      const question = lastText(replies);
      message = inject && turns === inject.atTurn ? inject.text : patient.reply(question);
    }
    transcript.push(`bot: ${lastText(replies)}`, `patient: ${message}`);
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs));
    replies = await convo.say(message);
    turns += 1;
    repliesAt[turns] = replies.filter((a) => a.type === 'message' && a.text).map((a) => a.text!);
    message = undefined;
    const triage = triageOf(replies);
    if (triage) return { triage, turns, transcript, emergencyAtTurn: triage.urgency === 'emergency' ? turns : null, repliesAt, firstReplies: repliesAt[1] ?? [] };
  }
  return { triage: undefined, turns, transcript, emergencyAtTurn: null, repliesAt, firstReplies: repliesAt[1] ?? [] };
}

export interface VignetteResult { id: string; expect: Urgency; got: Urgency | 'none'; exact: boolean; underTriaged: boolean; missing: string[]; turns: number; transcript: string[] }

export async function runVignette(url: string, v: Vignette, thinkMs = 0): Promise<VignetteResult> {
  const played = await play(url, new SimulatedPatient(v.answers), v.opening, { thinkMs });
  const got = played.triage?.urgency ?? 'none';
  const ids = new Set(played.triage?.findings.map((f) => f.id) ?? []);
  const missing = v.expect_findings.filter((f) => !ids.has(f));
  return {
    id: v.id, expect: v.expect, got, missing, turns: played.turns, transcript: played.transcript,
    exact: got === v.expect && missing.length === 0,
    underTriaged: got === 'none' || RANK[got] < RANK[v.expect],
  };
}

/** Default answers for a patient with no red flags, used around a single phrase. */
export const PLAIN_ANSWERS: Partial<Record<Topic, string>> = { pt_duration: '8 weeks', adherence: 'most days', progress: 'a little better' };

export interface PhraseResult { id: string; expect: Phrase['expect']; ok: boolean; got: string; detail: string }

/**
 * emergency: typed as the opening AND in the middle of the adherence questions, the reply in that same turn is
 * the emergency assessment; urgent: the final assessment is at least urgent; none: it stays at soon or below.
 */
export async function runPhrase(url: string, p: Phrase): Promise<PhraseResult> {
  const patient = () => new SimulatedPatient(PLAIN_ANSWERS);
  if (p.expect === 'emergency') {
    const asOpening = await play(url, patient(), p.text);
    const midway = await play(url, patient(), 'hi', { inject: { atTurn: 2, text: p.text } });
    const ok = asOpening.emergencyAtTurn === 1 && midway.emergencyAtTurn === 3;
    return { id: p.id, expect: p.expect, ok, got: `${asOpening.triage?.urgency}@${asOpening.turns}, ${midway.triage?.urgency}@${midway.turns}`, detail: p.text };
  }
  const played = await play(url, patient(), 'hi', { inject: { atTurn: 2, text: p.text } });
  const got = played.triage?.urgency ?? 'none';
  const ok = got !== 'none' && (p.expect === 'urgent' ? RANK[got] >= RANK.urgent : RANK[got] <= RANK.soon);
  return { id: p.id, expect: p.expect, ok, got, detail: p.text };
}

export async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};
