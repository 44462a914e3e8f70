import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { fill } from '../src/render/template.js';
import { deliverAssessment } from './assessment.js';
import {
  ADHERENCE_DIALOG, AdherenceDialog, PAIN_PATTERN_DIALOG, PainPatternDialog, PROGRAMME_DIALOG, ProgrammeDialog,
  RED_FLAGS_DIALOG, RedFlagsDialog,
} from './flows.js';
import { ASK_QUESTION_DIALOG, AskQuestionDialog } from './ask-question-dialog.js';
import { absorbTurn, emergencyFound, handleGlobalIntent, safetyQuestion } from './interruptions.js';
import { InterruptibleDialog } from './interruptible-dialog.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';

export const MAIN_DIALOG = 'main';
const FLOW = 'flow';

export interface MainOptions {
  /** The person's first message, when they spoke before being greeted (Teams and Slack may skip conversationUpdate). */
  opening?: boolean;
}

/** Welcome and disclaimer, then PT and adherence, pain pattern, red flags, the programme, and the assessment. */
export class MainDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(MAIN_DIALOG, services);
    this.addDialog(new AdherenceDialog(services));
    this.addDialog(new PainPatternDialog(services));
    this.addDialog(new RedFlagsDialog(services));
    this.addDialog(new ProgrammeDialog(services));
    this.addDialog(new AskQuestionDialog(services));
    this.addDialog(new WaterfallDialog<MainOptions>(FLOW, [
      this.welcome.bind(this),
      this.flow(ADHERENCE_DIALOG),
      this.flow(PAIN_PATTERN_DIALOG),
      this.flow(RED_FLAGS_DIALOG),
      this.flow(PROGRAMME_DIALOG),
      this.assess.bind(this),
    ]));
    this.initialDialogId = FLOW;
  }

  private async welcome(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const session = await this.services.session.get(step.context, SESSION_DEFAULT);
    const m = this.services.knowledge.messages;
    if (!session.greeted) {
      await step.context.sendActivity(`${fill(m.greeting, this.services.clinic)}\n\n${fill(m.disclaimer, this.services.clinic)}`);
      session.greeted = true;
    }
    if (step.options?.opening) {
      // The opening message may already answer questions, state or suggest an emergency, or ask for help.
      const input = await absorbTurn(step.context, this.services);
      if (await emergencyFound(step.context, this.services)) {
        await deliverAssessment(step.context, this.services);
        return step.endDialog();
      }
      const safety = await safetyQuestion(step.context, this.services, input);
      if (safety) return step.beginDialog(ASK_QUESTION_DIALOG, { questionId: safety, safety: true });
      // Nothing has been said yet that a restart or forget-me could clear: the interview simply begins.
      const intent = input.analysis.intent;
      const clears = intent?.name === 'restart' || intent?.name === 'forget';
      if (!clears && await handleGlobalIntent(step.context, this.services, intent) === 'end') return step.endDialog();
    }
    return step.next();
  }

  /** A step that runs the next flow unless an emergency has already been assessed. */
  private flow(dialogId: string) {
    return async (step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> => {
      if (await emergencyFound(step.context, this.services)) return step.next();
      return step.beginDialog(dialogId);
    };
  }

  private async assess(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    await deliverAssessment(step.context, this.services);
    return step.endDialog();
  }
}
