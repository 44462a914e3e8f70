import { WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Question } from '../src/knowledge/schemas.js';
import { ASK_QUESTION_DIALOG, AskQuestionDialog } from './ask-question-dialog.js';
import { emergencyFound } from './interruptions.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import { isAnswered } from './record.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';

const LOOP = 'loop';

interface LoopOptions { asked: string[] }

/**
 * Asks, in content order, each selected question that the conversation has not answered yet, one per turn.
 * A question answered in free text earlier is skipped; an emergency stops the flow at once.
 */
export class QuestionSetDialog extends InterruptibleDialog {
  constructor(id: string, services: DialogServices, private readonly select: (q: Question) => boolean) {
    super(id, services);
    this.addDialog(new AskQuestionDialog(services));
    this.addDialog(new WaterfallDialog<LoopOptions>(LOOP, [this.askNext.bind(this), this.loop.bind(this)]));
    this.initialDialogId = LOOP;
  }

  private async askNext(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    const asked = (step.options as LoopOptions | undefined)?.asked ?? [];
    if (await emergencyFound(step.context, this.services)) return step.endDialog();
    const { answers } = await this.services.session.get(step.context, SESSION_DEFAULT);
    const next = this.services.knowledge.questions.find((q) => this.select(q) && !asked.includes(q.id) && !isAnswered(answers, q));
    if (!next) return step.endDialog();
    (step.values as { asked?: string[] }).asked = [...asked, next.id];
    return step.beginDialog(ASK_QUESTION_DIALOG, { questionId: next.id });
  }

  private async loop(step: WaterfallStepContext<LoopOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(LOOP, { asked: (step.values as { asked?: string[] }).asked ?? [] });
  }
}
