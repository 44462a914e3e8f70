import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { interrupt } from './interruptions.js';
import type { DialogServices } from './services.js';

/**
 * The base of every flow (like core-bot's CancelAndHelpDialog): before the active question reads an answer,
 * an emergency gets the assessment at once, and help, restart, glossary and contact questions are answered,
 * then the pending question is asked again.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(id: string, protected readonly services: DialogServices) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    switch (await interrupt(innerDc.context, this.services)) {
      case 'assessed':
      case 'end':
        return innerDc.cancelAllDialogs(true);
      case 'reprompt':
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      default:
        return super.onContinueDialog(innerDc);
    }
  }
}
