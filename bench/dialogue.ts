// One simulated conversation as a sequence of activities: a live patient who reads the bot's questions (for the
// triage bot), or the replay of what such a patient typed (for the echo baseline, which asks nothing).
import { SimulatedPatient } from '../scripts/lib/patient.js';
import type { Vignette } from '../scripts/lib/dev-cases.js';
import { conversation, type Activity, type Conversation } from '../scripts/lib/bot-client.js';

/** A conversation with no assessment after this many messages has gone wrong (as in the dev-case harness). */
const MAX_TURNS = 40;

export interface Dialogue {
  /** The storage key of this conversation's state, as botbuilder's ConversationState names it. */
  readonly keys: string[];
  /** True once no activity is left to send. */
  readonly finished: boolean;
  /** The next activity as a JSON body (call only while not finished). */
  next(): string;
  /** Takes the replies to the last activity: a problem in a few words, or undefined when they are as expected. */
  read(replies: Activity[]): string | undefined;
}

type Triage = { urgency: string };
const triageOf = (replies: Activity[]): Triage | undefined =>
  replies.map((a) => (a.channelData as { triage?: Triage } | undefined)?.triage).find(Boolean);
const lastText = (replies: Activity[]): string =>
  replies.filter((a) => a.type === 'message' && a.text).map((a) => a.text!).at(-1) ?? '';

abstract class BaseDialogue implements Dialogue {
  protected readonly convo: Conversation = conversation('');
  protected sent = 0;
  abstract readonly finished: boolean;

  get keys(): string[] {
    const base = this.convo.base() as { channelId: string };
    return [`${base.channelId}/conversations/${this.convo.id}/`];
  }

  next(): string {
    const base = this.convo.base();
    const fields = this.sent === 0
      ? { type: 'conversationUpdate', membersAdded: [base.from, base.recipient] }
      : { type: 'message', text: this.message(), textFormat: 'plain' };
    this.sent += 1;
    return JSON.stringify({ ...base, ...fields, deliveryMode: 'expectReplies' });
  }

  protected abstract message(): string;
  abstract read(replies: Activity[]): string | undefined;
}

/** A patient answering the triage bot until the assessment arrives; `typed` records what it said. */
export class LiveDialogue extends BaseDialogue {
  readonly typed: string[] = [];
  private readonly patient: SimulatedPatient;
  private question = '';
  private done = false;

  constructor(private readonly vignette: Vignette) {
    super();
    this.patient = new SimulatedPatient(vignette.answers);
  }

  get finished(): boolean { return this.done; }

  protected message(): string {
    const text = this.sent === 1 && this.vignette.opening ? this.vignette.opening : this.patient.reply(this.question);
    this.typed.push(text);
    return text;
  }

  read(replies: Activity[]): string | undefined {
    if (replies.length === 0) return 'no reply';
    if (triageOf(replies)) { this.done = true; return undefined; }
    this.question = lastText(replies);
    if (this.sent > MAX_TURNS) { this.done = true; return `no assessment after ${MAX_TURNS} messages`; }
    return undefined;
  }
}

/** The same messages again, one per reply, whatever the replies say (the echo bot asks nothing). */
export class ReplayDialogue extends BaseDialogue {
  constructor(private readonly messages: readonly string[]) { super(); }

  get finished(): boolean { return this.sent > this.messages.length; }

  protected message(): string { return this.messages[this.sent - 1]!; }

  read(replies: Activity[]): string | undefined {
    return replies.length === 0 ? 'no reply' : undefined;
  }
}
