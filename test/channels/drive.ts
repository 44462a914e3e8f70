// Plays a whole conversation over HTTP in one channel's activity shapes: a simulated patient reads each question
// and answers; when its answer is one of the buttons the channel shows, it presses the button the way that
// channel sends a press (Teams: a card submit `value`; Slack: an interactive payload; SMS: the number).
import { SimulatedPatient, type Topic } from '../../scripts/lib/patient.js';
import { postActivity, type Activity } from '../support/server.js';
import type { ChannelShape } from './shapes.js';

export interface Button { title: string; value: string; kind: 'suggestedAction' | 'adaptiveCard' | 'heroCard' | 'numbered' }

interface AdaptiveAction { type: string; title: string; data?: unknown }
interface Attachment { contentType: string; content: { version?: string; body?: unknown[]; actions?: AdaptiveAction[]; buttons?: { title: string; value: string }[] } }

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
export const HERO = 'application/vnd.microsoft.card.hero';

export const attachmentsOf = (a: Activity): Attachment[] => (a.attachments as Attachment[] | undefined) ?? [];

/** Every button a reply offers, whichever way it is rendered. */
export function buttonsOf(a: Activity): Button[] {
  const out: Button[] = [];
  const suggested = (a.suggestedActions as { actions?: { title: string; value: string }[] } | undefined)?.actions ?? [];
  for (const s of suggested) out.push({ title: s.title, value: s.value, kind: 'suggestedAction' });
  for (const att of attachmentsOf(a)) {
    if (att.contentType === ADAPTIVE) {
      for (const act of att.content.actions ?? []) {
        const data = act.data as { text?: unknown } | undefined;
        if (act.type === 'Action.Submit' && typeof data?.text === 'string') out.push({ title: act.title, value: data.text, kind: 'adaptiveCard' });
      }
    }
    if (att.contentType === HERO) for (const b of att.content.buttons ?? []) out.push({ title: b.title, value: b.value, kind: 'heroCard' });
  }
  for (const m of (a.text ?? '').matchAll(/^(\d{1,2})\. (.+)$/gm)) out.push({ title: m[2]!, value: m[1]!, kind: 'numbered' });
  return out;
}

export interface Triage { urgency: string; findings: { id: string; status: string }[] }
export const triageOf = (replies: Activity[]): Triage | undefined =>
  replies.map((a) => (a.channelData as { triage?: Triage } | undefined)?.triage).find(Boolean);

/** One line per reply, as a person would see it: text, then [buttons] or [card]. */
export function show(a: Activity): string {
  const buttons = buttonsOf(a).filter((b) => b.kind !== 'numbered').map((b) => b.title);
  const cards = attachmentsOf(a).filter((x) => x.contentType === ADAPTIVE && (x.content.body?.length ?? 0) > 0);
  return [a.text ?? '', buttons.length ? `[buttons: ${buttons.join(' | ')}]` : '', cards.length ? '[Adaptive Card]' : ''].filter(Boolean).join('\n');
}

export interface Played {
  triage: Triage | undefined;
  /** Every reply of the conversation, in order. */
  replies: Activity[];
  /** Replies that asked something (the last message of each turn before the assessment). */
  questions: Activity[];
  assessment: Activity | undefined;
  presses: number;
  transcript: string[];
}

const NEGATIVE = /^(no|nope|not really)$/i;

const lastMessage = (replies: Activity[]): Activity | undefined => replies.filter((a) => a.type === 'message' && (a.text || a.attachments)).at(-1);

/** conversationUpdate (if the channel sends one), the opening message, then answers until the assessment. */
export async function play(url: string, shape: ChannelShape, answers: Partial<Record<Topic, string>>, opening: string): Promise<Played> {
  const patient = new SimulatedPatient(answers);
  const played: Played = { triage: undefined, replies: [], questions: [], assessment: undefined, presses: 0, transcript: [] };
  const send = async (fields: Record<string, unknown>, said: string) => {
    played.transcript.push(`person: ${said}`);
    const replies = await postActivity(url, fields);
    played.replies.push(...replies);
    for (const r of replies) played.transcript.push(`bot: ${show(r)}`);
    return replies;
  };
  const start = shape.start();
  if (start) {
    played.transcript.push('(conversation starts)');
    const greeting = await postActivity(url, start);
    played.replies.push(...greeting);
    for (const r of greeting) played.transcript.push(`bot: ${show(r)}`);
  }
  let replies = await send(shape.message(opening), opening);
  for (let turn = 0; turn < 40; turn += 1) {
    played.triage = triageOf(replies);
    if (played.triage) {
      played.assessment = replies.find((r) => triageOf([r]));
      return played;
    }
    const question = lastMessage(replies);
    if (!question) throw new Error(`${shape.name}: no question to answer after turn ${turn}`);
    played.questions.push(question);
    const answer = patient.reply(question.text ?? '');
    const buttons = buttonsOf(question);
    // A person who means "no" presses "No" or "None of these" where there is one.
    const button = buttons.find((b) => b.title.toLowerCase() === answer.toLowerCase() || (b.kind !== 'numbered' && b.value.toLowerCase() === answer.toLowerCase()))
      ?? (NEGATIVE.test(answer) ? buttons.find((b) => /^(no|none)\b/i.test(b.title)) : undefined);
    if (button) {
      played.presses += 1;
      replies = await send(shape.press(button.value), `(presses "${button.title}")`);
    } else {
      replies = await send(shape.message(answer), answer);
    }
  }
  return played;
}
