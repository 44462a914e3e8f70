import { ComponentDialog, Dialog, DialogReason, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { ASK_QUESTION_DIALOG } from './ask-question-dialog.js';
import { emergencyFound, interrupt } from './interruptions.js';
import type { DialogServices } from './services.js';

/**
 * The base of every flow (like core-bot's CancelAndHelpDialog): before the active question reads an answer,
 * an emergency gets the assessment at once, a suggested emergency sign gets its direct question, and help,
 * restart, glossary and contact questions are answered, then the pending question is asked again.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly services: DialogServices) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const i = await interrupt(innerDc.context, this.services);
    switch (i) {
      case 'assessed':
      case 'end':
        return innerDc.cancelAllDialogs(true);
      case 'reprompt':
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'hold':
        return Dialog.EndOfTurn;
      case null:
        return super.onContinueDialog(innerDc);
      default:
        // The safety question goes on top of the stack; when it is answered the interrupted question comes back.
        return innerDc.beginDialog(ASK_QUESTION_DIALOG, { questionId: i.safety, safety: true });
    }
  }

  /** Back from a safety question: an emergency it revealed ends this flow (the main flow then assesses). */
  override async resumeDialog(outerDc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (await emergencyFound(outerDc.context, this.services)) return outerDc.endDialog();
    return super.resumeDialog(outerDc, reason, result);
  }
}
