import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Question } from '../src/knowledge/schemas.js';
import { questionActivity } from '../src/render/choices.js';
import { fill } from '../src/render/template.js';
import { choicesFor, matchChoice, type AskMode } from './choices.js';
import { applyAnswer, markUncertain } from './record.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';
import { whyWeAsk } from './interruptions.js';
import { readTurn } from './turn.js';

export const ASK_QUESTION_DIALOG = 'askQuestion';

/** After this many answers it could not read, the bot moves on (a red-flag question is then recorded as unsure). */
const MAX_UNCLEAR = 2;

interface AskState { questionId: string; mode: AskMode; unsure: number; unclear: number }
export interface AskOptions { questionId: string; safety?: boolean }

/**
 * Asks one question from content and reads the answer with the matcher: "not sure" gets one plain re-ask,
 * a bare "yes" to a question about several findings gets "which?", and an unreadable answer gets examples.
 * Never a silent guess on a red-flag question: if it stays unclear, the finding is recorded as uncertain.
 */
export class AskQuestionDialog extends Dialog<AskOptions> {
  constructor(private readonly services: DialogServices) {
    super(ASK_QUESTION_DIALOG);
  }

  private question(id: string): Question {
    const q = this.services.knowledge.questions.find((x) => x.id === id);
    if (!q) throw new Error(`unknown question ${id}`);
    return q;
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    const state: AskState = { questionId: options!.questionId, mode: 'ask', unsure: 0, unclear: 0 };
    dc.activeDialog!.state = state;
    (await this.services.session.get(dc.context, SESSION_DEFAULT)).pendingQuestion = state.questionId;
    const q = this.question(state.questionId);
    // The safety net's direct question comes first in the reply, with a word on why it interrupts.
    await this.send(dc.context, state, options?.safety ? `${fill(this.services.knowledge.messages.safetyCheck, this.services.clinic)} ${q.text}` : q.text);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: { state: AskState }): Promise<void> {
    const q = this.question(instance.state.questionId);
    // Back from an interruption (a safety question, help): this question is the pending one again.
    (await this.services.session.get(context, SESSION_DEFAULT)).pendingQuestion = q.id;
    await this.send(context, instance.state, instance.state.mode === 'which' ? q.which ?? q.text : q.text);
  }

  private async send(ctx: TurnContext, state: AskState, text: string): Promise<void> {
    const choices = choicesFor(this.question(state.questionId), state.mode, this.services.knowledge);
    await ctx.sendActivity(questionActivity(ctx.activity.channelId, text, choices));
  }

  override async endDialog(context: TurnContext): Promise<void> {
    (await this.services.session.get(context, SESSION_DEFAULT)).pendingQuestion = null;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskState;
    const q = this.question(state.questionId);
    const { answers } = await this.services.session.get(dc.context, SESSION_DEFAULT);
    const { text, analysis } = readTurn(dc.context, this.services.matcher);
    const choice = matchChoice(text, choicesFor(q, state.mode, this.services.knowledge));

    if (choice?.finding) {
      applyAnswer(answers, q, { outcome: 'answered', findings: { [choice.finding]: 'present' } });
      return dc.endDialog();
    }
    const update = this.services.matcher.interpret(q, choice?.value ?? text, state.unsure > 0);
    applyAnswer(answers, q, update);

    switch (update.outcome) {
      case 'answered':
        return dc.endDialog();
      case 'unsure':
        if (state.unsure > 0) { // still unsure after the plain re-ask: TRIAGE.md rule 2
          markUncertain(answers, q);
          return dc.endDialog();
        }
        state.unsure += 1;
        await this.send(dc.context, state, q.reask);
        return Dialog.EndOfTurn;
      case 'which':
        if (state.mode === 'ask' && q.which) {
          state.mode = 'which';
          await this.send(dc.context, state, q.which);
          return Dialog.EndOfTurn;
        }
        // "Yes" again to "which one?": something applies but we cannot tell what; record all as uncertain.
        markUncertain(answers, q);
        return dc.endDialog();
      case 'question':
        // "Why do you ask?", "is that bad?": why the question matters, then the question again. It counts as
        // an unclear answer, so a person who keeps asking is not asked the same question for ever.
        state.unclear += 1;
        if (state.unclear <= MAX_UNCLEAR) {
          await this.send(dc.context, state, `${whyWeAsk(this.services, q)}\n\n${state.mode === 'which' ? q.which ?? q.text : q.text}`);
          return Dialog.EndOfTurn;
        }
        if (q.kind === 'yesno') markUncertain(answers, q);
        return dc.endDialog();
      case 'unclear':
        if (analysis.findings.length > 0 && state.unclear === 0) {
          // Not an answer to this question, but it told us something: acknowledge it rather than "didn't get that".
          state.unclear += 1;
          await this.send(dc.context, state, `${fill(this.services.knowledge.messages.noted, this.services.clinic)} ${q.text}`);
          return Dialog.EndOfTurn;
        }
        state.unclear += 1;
        if (state.unclear <= MAX_UNCLEAR) {
          const m = this.services.knowledge.messages;
          const examples = q.examples.map((e) => `"${e}"`).join(', ');
          await this.send(dc.context, state, `${fill(m.didNotUnderstand, this.services.clinic)} ${examples}.\n\n${state.mode === 'which' ? q.which ?? q.reask : q.reask}`);
          return Dialog.EndOfTurn;
        }
        if (q.kind === 'yesno') markUncertain(answers, q);
        return dc.endDialog();
      default:
        return dc.endDialog();
    }
  }
}
