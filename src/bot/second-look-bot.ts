import { ActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import { afterAssessment } from '../../dialogs/after-assessment.js';
import { requestRestart, restartRequested, type RestartKind } from '../../dialogs/interruptions.js';
import { MAIN_DIALOG, type MainDialog, type MainOptions } from '../../dialogs/main-dialog.js';
import type { DialogServices } from '../../dialogs/services.js';
import { newSession, SESSION_DEFAULT } from '../../dialogs/session.js';
import { messageText, readTurn } from '../../dialogs/turn.js';
import { adaptOutgoing } from '../render/channel.js';
import { fill } from '../render/template.js';
import { isETagConflict } from '../storage/store.js';
import { addressedToBot, inGroup } from './addressing.js';

const FORGOTTEN = Symbol('secondLook.forgotten');

/** True after a turn that deleted everything kept for the person: channels that keep a transcript delete it too. */
export const forgotten = (ctx: TurnContext): boolean => ctx.turnState.get(FORGOTTEN) === true;

/**
 * The activity handler: a conversationUpdate that adds the person, or a first message, starts the
 * conversation; every message runs the dialogs; state is saved at the end of each turn.
 */
export class SecondLookBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    dialog: MainDialog,
    private readonly services: DialogServices,
    private readonly maxMessageChars = Number.POSITIVE_INFINITY,
  ) {
    super();
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(dialog);
    this.onMembersAdded(async (ctx, next) => {
      // In a 1:1 chat, the person joining or the bot being added (Teams' personal-scope install) starts the
      // conversation; in a group nobody is greeted with a questionnaire meant for one person.
      if (!inGroup(ctx.activity) && (ctx.activity.membersAdded ?? []).length > 0) await this.start(ctx, {});
      await next();
    });
    this.onMessage(async (ctx, next) => {
      // Before anything reads the text: in a group, only messages that @mention the bot are answered.
      if (addressedToBot(ctx)) await this.onText(ctx);
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    // Dialogs and content write Markdown; each channel gets its own markup (Slack mrkdwn, plain text).
    ctx.onSendActivities(async (c, activities, next) => { adaptOutgoing(c.activity.channelId, activities); return next(); });
    await super.run(ctx);
    try {
      await this.conversationState.saveChanges(ctx, false);
    } catch (err) {
      if (!isETagConflict(err)) throw err;
      // Another turn of this conversation saved first (a double click, a second instance): its state stands
      // and this turn's is dropped. Its replies may already be out, so the honest course is to say so.
      await ctx.sendActivity(fill(this.services.knowledge.messages.concurrentTurn, this.services.clinic));
    }
  }

  /** Begins the conversation unless it is already under way (Web Chat may repeat conversationUpdate). */
  private async start(ctx: TurnContext, options: MainOptions): Promise<void> {
    const dc = await this.dialogs.createContext(ctx);
    const session = await this.services.session.get(ctx, SESSION_DEFAULT);
    if (dc.activeDialog || (session.greeted && !options.opening)) return;
    await dc.beginDialog(MAIN_DIALOG, options);
  }

  private async onText(ctx: TurnContext): Promise<void> {
    const m = this.services.knowledge.messages;
    const dc = await this.dialogs.createContext(ctx);
    const session = await this.services.session.get(ctx, SESSION_DEFAULT);
    if (!messageText(ctx)) {
      // Nothing to read (an empty message, a picture): say so and ask the pending question again.
      await ctx.sendActivity(fill(ctx.activity.attachments?.length ? m.attachmentOnly : m.emptyMessage, this.services.clinic));
      if (dc.activeDialog) await dc.repromptDialog();
      else if (!session.greeted) await this.start(ctx, {});
      return;
    }
    // The server cut an over-long message (a surrogate pair may cost one more character): say so, then read it.
    if (messageText(ctx).length >= this.maxMessageChars - 1) await ctx.sendActivity(fill(m.longMessage, this.services.clinic));
    if (session.confirming && await this.confirmed(ctx, session.confirming)) return;
    if (dc.activeDialog) await dc.continueDialog();
    else if (session.assessed) await afterAssessment(ctx, this.services);
    else await dc.beginDialog(MAIN_DIALOG, { opening: true } satisfies MainOptions);
    await this.restartIfAsked(ctx);
  }

  /**
   * The reply to "start over?" / "delete everything?": yes clears, no carries on with the pending question.
   * Anything else is read as a normal message (returns false), and the request lapses.
   */
  private async confirmed(ctx: TurnContext, kind: RestartKind): Promise<boolean> {
    const session = await this.services.session.get(ctx, SESSION_DEFAULT);
    session.confirming = null;
    const { analysis } = readTurn(ctx, this.services.matcher);
    if (analysis.findings.some((f) => f.status === 'present' || f.status === 'suspected')) return false;
    if (analysis.polarity === 'yes') {
      requestRestart(ctx, kind);
      await this.restartIfAsked(ctx);
      return true;
    }
    if (analysis.polarity !== 'no') return false;
    await ctx.sendActivity(fill(this.services.knowledge.messages.carryOn, this.services.clinic));
    const dc = await this.dialogs.createContext(ctx);
    if (dc.activeDialog) await dc.repromptDialog();
    return true;
  }

  /** "Restart" starts over with empty answers; "forget me" also deletes everything stored for this person. */
  private async restartIfAsked(ctx: TurnContext): Promise<void> {
    const kind = restartRequested(ctx);
    if (!kind) return;
    const m = this.services.knowledge.messages;
    if (kind === 'forget') {
      // Everything the bot keeps about a person is in the conversation's state: nothing is kept per user.
      await this.conversationState.delete(ctx);
      ctx.turnState.set(FORGOTTEN, true);
      await ctx.sendActivity(fill(m.forgotten, this.services.clinic));
      return;
    }
    await this.services.session.set(ctx, { ...newSession(), greeted: true });
    const dc = await this.dialogs.createContext(ctx);
    await dc.cancelAllDialogs();
    await ctx.sendActivity(fill(m.restart, this.services.clinic));
    await dc.beginDialog(MAIN_DIALOG, {});
  }
}
