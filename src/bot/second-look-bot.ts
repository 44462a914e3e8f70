// The shell around the interview core, and the only path a turn takes: the activity in → the state loaded with
// its eTag → the message read once by the matcher → the interview core once → the replies rendered for the
// channel → the state saved (a racing turn's stale save is refused and the person told).
import { ActivityHandler, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { interviewTurn, type TurnEvent } from '../../dialogs/interview.js';
import { Interview, newInterview } from '../../dialogs/state.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Matcher } from '../nlu/index.js';
import { adaptOutgoing } from '../render/channel.js';
import { renderReply } from '../render/replies.js';
import { fill, type ClinicInfo } from '../render/template.js';
import type { TurnObservation } from '../server/metrics.js';
import type { OptimisticConversationState } from '../storage/optimistic-state.js';
import { isETagConflict } from '../storage/store.js';
import type { Counts } from '../storage/usage/stats.js';
import { turnCounts } from './usage.js';
import { addressedToBot, inGroup, messageText } from './inbound.js';

const FORGOTTEN = Symbol('secondLook.forgotten');

/** True after a turn that deleted everything kept for the person: channels that keep a transcript delete it too. */
export const forgotten = (ctx: TurnContext): boolean => ctx.turnState.get(FORGOTTEN) === true;

export interface ShellDeps {
  conversationState: OptimisticConversationState;
  knowledge: Knowledge;
  matcher: Matcher;
  clinic: ClinicInfo;
  /** The server cuts longer text to this (MAX_MESSAGE_CHARS); the interview then says it read only the first part. */
  maxMessageChars: number;
  /** Told after the core's result what the turn did (GET /metrics): counts only, never text or ids. */
  observe?: (turn: TurnObservation) => void;
  /** Told the turn's usage counts once its state save has succeeded (never for a turn the eTag refused). */
  counted?: (counts: Counts) => Promise<void> | void;
  /** Told when the store fails the turn (the error still goes on to the adapter's onTurnError). */
  storeFailed?: () => void;
}

export class SecondLookBot extends ActivityHandler {
  private readonly interview: StatePropertyAccessor<unknown>;

  constructor(private readonly deps: ShellDeps) {
    super();
    this.interview = deps.conversationState.createProperty<unknown>('interview');
  }

  override async run(ctx: TurnContext): Promise<void> {
    const event = this.eventOf(ctx);
    if (!event) return;
    const { conversationState, knowledge, clinic } = this.deps;
    // Content and the interview write Markdown; each channel gets its own markup (Slack mrkdwn, plain text).
    ctx.onSendActivities(async (c, activities, next) => { adaptOutgoing(c.activity.channelId, activities); return next(); });
    await this.store(() => conversationState.load(ctx));
    const { state, updated } = await this.stateOf(ctx);
    const result = interviewTurn(state, event, { knowledge, clinic });
    this.tell(ctx, state, result);
    const replies = result.replies.map((r) => renderReply(ctx.activity.channelId, r, knowledge.messages, clinic));
    if (updated) replies.unshift({ type: 'message', text: fill(knowledge.messages.updated, clinic) });
    await ctx.sendActivities(replies);
    if (result.forgotten) {
      // Everything the bot keeps about a person is in the conversation's state: nothing is kept per user.
      await this.store(() => conversationState.delete(ctx));
      ctx.turnState.set(FORGOTTEN, true);
      return;
    }
    await this.interview.set(ctx, result.state);
    try {
      await conversationState.saveChanges(ctx, false);
      // Only a saved turn counts: a retried or racing turn whose save was refused adds nothing.
      const counted = this.deps.counted;
      if (counted) {
        try { await counted(turnCounts(state, result)); } catch { /* logged and counted by the caller: the turn goes on */ }
      }
    } catch (err) {
      if (!isETagConflict(err)) {
        this.safely(() => this.deps.storeFailed?.());
        throw err;
      }
      // Another turn of this conversation saved first (a double click, a second instance): its state stands
      // and this turn's is dropped. Its replies are already out, so the honest course is to say so.
      await ctx.sendActivity(fill(knowledge.messages.concurrentTurn, clinic));
    }
  }

  /** A store call; its failure is counted before it goes on to fail the turn. */
  private async store(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (err) {
      this.safely(() => this.deps.storeFailed?.());
      throw err;
    }
  }

  /** The observer hears what the core did: whether it greeted, the assessment's urgency, a forget request. */
  private tell(ctx: TurnContext, before: Interview, result: ReturnType<typeof interviewTurn>): void {
    const observe = this.deps.observe;
    if (!observe) return;
    this.safely(() => {
      const assessment = result.replies.find((r) => r.kind === 'assessment');
      observe({
        channelId: ctx.activity.channelId,
        started: result.replies.some((r) => r.kind === 'say' && r.key === 'greeting'),
        assessment: assessment?.kind === 'assessment' ? { urgency: assessment.assessment.urgency, previous: before.lastUrgency } : undefined,
        forgotten: result.forgotten === true,
      });
    });
  }

  /** An observer's failure never fails the turn. */
  private safely(call: () => void): void {
    try { call(); } catch { /* counts only: the person's turn goes on */ }
  }

  /** What happened, for the interview: someone joined, a message (read once here), or nothing for it. */
  private eventOf(ctx: TurnContext): TurnEvent | undefined {
    const a = ctx.activity;
    if (a.type === 'conversationUpdate') {
      // In a 1:1 chat, the person joining or the bot being added (Teams' personal-scope install) starts the
      // conversation; in a group nobody is greeted with a questionnaire meant for one person.
      return !inGroup(a) && (a.membersAdded ?? []).length > 0 ? { kind: 'start' } : undefined;
    }
    // Before anything reads the text: in a group, only messages that @mention the bot are answered.
    if (a.type !== 'message' || !addressedToBot(ctx)) return undefined;
    const text = messageText(a);
    return {
      kind: 'message',
      reading: text ? this.deps.matcher.read(text) : null,
      attachment: (a.attachments?.length ?? 0) > 0,
      // The server cut an over-long message (a surrogate pair may cost one more character).
      truncated: text.length >= this.deps.maxMessageChars - 1,
    };
  }

  /** The stored interview; a state from before an update (another shape) starts again, with an apology. */
  private async stateOf(ctx: TurnContext): Promise<{ state: Interview; updated: boolean }> {
    const stored = await this.interview.get(ctx);
    if (stored === undefined) return { state: newInterview(), updated: legacyState(this.deps.conversationState.get(ctx)) };
    const parsed = Interview.safeParse(stored);
    return parsed.success ? { state: parsed.data, updated: false } : { state: newInterview(), updated: true };
  }
}

/** State written by the dialogs of earlier versions (before the interview core): its conversation cannot go on. */
const legacyState = (raw: unknown): boolean => typeof raw === 'object' && raw !== null && ('session' in raw || 'dialogState' in raw);
