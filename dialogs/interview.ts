// The interview core: a pure function from the state, what happened this turn and the content to the next state
// and the replies, described without any channel. The shell (src/bot/) loads and saves the state, reads the
// message once with the matcher, and renders the replies; nothing else runs a turn.
import type { Knowledge } from '../src/knowledge/load.js';
import { fill, type ClinicInfo } from '../src/render/template.js';
import { afterAssessment } from './after-assessment.js';
import { assessmentReply } from './assessment.js';
import { nextQuestion, questionById } from './form.js';
import { interruption, request, type Interruption } from './interruptions.js';
import type { MessageReading } from '../src/nlu/types.js';
import { ask, presentEmergency, recordFacts, recordMentions, takeAnswer } from './answers.js';
import type { Reply, SayKey } from './replies.js';
import { newInterview, type Asking, type Interview } from './state.js';

export type TurnEvent =
  /** The person joined (a conversationUpdate in a one-to-one chat). */
  | { kind: 'start' }
  /** A message; `reading` is null when it has no text to read (a picture, an empty message). */
  | { kind: 'message'; reading: MessageReading | null; attachment: boolean; truncated: boolean };

export interface TurnResult {
  state: Interview;
  replies: Reply[];
  /** The person asked to be forgotten: the shell deletes everything stored for the conversation. */
  forgotten: boolean;
}

export interface InterviewContent { knowledge: Knowledge; clinic: ClinicInfo }

export function interviewTurn(before: Interview, event: TurnEvent, content: InterviewContent): TurnResult {
  const turn = new Turn(structuredClone(before), content);
  if (event.kind === 'start') turn.start();
  else turn.message(event);
  return turn.result();
}

/** One turn's work on a copy of the state: the state changes and the replies build up, then both are returned. */
class Turn {
  private readonly replies: Reply[] = [];
  private forgotten = false;

  constructor(private state: Interview, private readonly content: InterviewContent) {}

  result(): TurnResult {
    return { state: this.state, replies: this.replies, forgotten: this.forgotten };
  }

  private get k(): Knowledge { return this.content.knowledge; }

  private say(key: SayKey, text: string = this.k.messages[key as keyof Knowledge['messages']] as string): void {
    this.replies.push({ kind: 'say', key, text: fill(text, this.content.clinic) });
  }

  /** Joining: the greeting and the first question, once (Web Chat may repeat the conversationUpdate). */
  start(): void {
    if (!this.state.greeted) this.begin(null);
  }

  message(event: Extract<TurnEvent, { kind: 'message' }>): void {
    const { reading } = event;
    if (!reading) {
      this.say(event.attachment ? 'attachmentOnly' : 'emptyMessage');
      if (this.state.asking) this.reask();
      else if (!this.state.greeted) this.begin(null);
      return;
    }
    if (event.truncated) this.say('longMessage');
    if (this.state.confirming && this.confirmed(reading)) return;
    if (this.state.asking) this.continue(reading);
    else if (this.state.assessed) this.afterAssessment(reading);
    else this.begin(reading);
  }

  /** The greeting (once), then the opening message's content when the person spoke first, then the form. */
  private begin(opening: MessageReading | null): void {
    if (!this.state.greeted) {
      const m = this.k.messages;
      this.say('greeting', `${m.greeting}\n\n${m.disclaimer}`);
      this.state.greeted = true;
    }
    if (opening) {
      this.absorb(opening);
      // Nothing said yet could be cleared, so restart and forget-me are no interruption here.
      const i = interruption(this.state, opening, this.k, this.content.clinic, true);
      if (i && this.interrupt(i)) return;
    }
    this.next();
  }

  private continue(reading: MessageReading): void {
    this.absorb(reading);
    const i = interruption(this.state, reading, this.k, this.content.clinic, false);
    if (i) {
      if (this.interrupt(i)) return;
      this.reask();
      return;
    }
    const asking = this.state.asking!;
    const again = takeAnswer(this.state, asking, reading, this.k, this.content.clinic);
    if (again) {
      this.replies.push(again);
      return;
    }
    this.state.asking = null;
    if (this.emergency()) return;
    // Back from a safety question: the interrupted question is asked again.
    if (this.state.interrupted) {
      this.state.asking = this.state.interrupted;
      this.state.interrupted = null;
      this.reask();
      return;
    }
    this.next();
  }

  /** Acts on an interruption; true when the turn ends there, false when the pending question comes back. */
  private interrupt(i: Interruption): boolean {
    switch (i.kind) {
      case 'emergency':
        this.replies.push(assessmentReply(this.state, this.k));
        return true;
      case 'safety':
        if (this.state.asking && !this.state.asking.safety) this.state.interrupted = this.state.asking;
        this.askNew({ id: i.questionId, mode: 'ask', unsure: 0, unclear: 0, safety: true });
        return true;
      case 'aside':
        this.replies.push(i.reply);
        return false;
      case 'confirm': {
        const m = this.k.messages;
        this.state.confirming = i.what;
        this.replies.push({
          kind: 'ask', questionId: null, text: fill(i.what === 'forget' ? m.confirmForget : m.confirmRestart, this.content.clinic),
          choices: [{ title: m.confirmYes, value: 'yes' }, { title: m.confirmNo, value: 'no' }],
        });
        return true;
      }
      case 'goodbye':
        // The interview stops here; a later message begins the form again, asking what is still unknown.
        this.say('goodbye');
        this.state.asking = null;
        this.state.interrupted = null;
        this.state.formAt = null;
        return true;
    }
  }

  private afterAssessment(reading: MessageReading): void {
    this.absorb(reading);
    const reply = afterAssessment(this.state, reading, this.k, this.content.clinic);
    if (reply !== 'request') return void this.replies.push(reply);
    const i = request(reading.analysis.intent, this.k, this.content.clinic);
    if (i) this.interrupt(i);
    else this.say('afterAssessment');
  }

  /**
   * The reply to "start over?" / "delete everything?": yes clears, no carries on with the pending question.
   * Anything else is read as a normal message (false), and the request lapses.
   */
  private confirmed(reading: MessageReading): boolean {
    const what = this.state.confirming!;
    this.state.confirming = null;
    const { analysis } = reading;
    if (analysis.findings.some((f) => f.status === 'present' || f.status === 'suspected')) return false;
    if (analysis.polarity === 'yes') {
      if (what === 'forget') {
        this.state = newInterview();
        this.forgotten = true;
        this.say('forgotten');
        return true;
      }
      this.state = { ...newInterview(), greeted: true };
      this.say('restart');
      this.next();
      return true;
    }
    if (analysis.polarity !== 'no') return false;
    this.say('carryOn');
    if (this.state.asking) this.reask();
    return true;
  }

  /** Folds the message into the answers: findings mentioned anywhere, and PT facts stated in passing. */
  private absorb(reading: MessageReading): void {
    recordMentions(this.state.answers, reading.analysis.findings, reading.analysis.correcting);
    // The first question ("how long…?") is where people tell their story: facts in it all count.
    const pending = this.state.asking ? questionById(this.k, this.state.asking.id) : undefined;
    recordFacts(this.state.answers, reading.analysis, pending !== undefined && pending.kind !== 'duration');
  }

  /** TRIAGE.md rule 1: an emergency finding ends the interview with the emergency assessment, this turn. */
  private emergency(): boolean {
    if (presentEmergency(this.state.answers, this.k).length === 0) return false;
    this.replies.push(assessmentReply(this.state, this.k));
    return true;
  }

  /** The next question of the form, or the assessment when none is left. */
  private next(): void {
    if (this.emergency()) return;
    const q = nextQuestion(this.state, this.k);
    if (!q) {
      this.replies.push(assessmentReply(this.state, this.k));
      return;
    }
    this.state.formAt = q.id;
    this.askNew({ id: q.id, mode: 'ask', unsure: 0, unclear: 0, safety: false });
  }

  private askNew(asking: Asking): void {
    this.state.asking = asking;
    const q = questionById(this.k, asking.id);
    // The safety net's direct question comes first in the reply, with a word on why it interrupts.
    const text = asking.safety ? `${fill(this.k.messages.safetyCheck, this.content.clinic)} ${q.text}` : undefined;
    this.replies.push(ask(asking, this.k, text));
  }

  private reask(): void {
    if (this.state.asking) this.replies.push(ask(this.state.asking, this.k));
  }
}
