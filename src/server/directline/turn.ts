// Runs one bot turn for an activity that arrived over the built-in Direct Line rather than over HTTP from
// Azure: the same bot as /api/messages, through an adapter without Bot Framework authentication (app.ts builds
// it: the activity comes from this process, there is no token to check). Replies are handed over as the bot
// sends them (each kept before the next is sent, so they stay in order), and the bot never dials a serviceUrl.
import { DeliveryModes, type Activity, type ActivityHandler } from 'botbuilder';
import { forgotten } from '../../bot/second-look-bot.js';
import type { BotAdapter } from '../adapter.js';
import type { Metrics } from '../metrics.js';

export const CHANNEL_ID = 'directline';
/** The bot as the page sees it; `role` tells Web Chat which side a message belongs on. */
export const BOT_ACCOUNT = { id: 'second-look', name: 'Second Look', role: 'bot' };
/** Stands in for Azure's serviceUrl in conversation references. Never dialled: replies are captured below. */
export const SERVICE_URL = 'https://directline.invalid/';

/** What the bot sends that the page reads; traces and delays stay on the server. */
const NOT_DELIVERED = new Set(['trace', 'delay', 'invokeResponse']);

export type Deliver = (activity: Partial<Activity>) => Promise<void>;

export interface TurnOutcome {
  /** The person asked to be forgotten: the transcript up to this turn must go too. */
  forgotten: boolean;
}

export class TurnRunner {
  constructor(private readonly adapter: BotAdapter, private readonly bot: ActivityHandler, private readonly metrics?: Metrics) {}

  /** One turn, timed and counted (channel directline) when the app keeps metrics. */
  run(inbound: Partial<Activity>, deliver: Deliver): Promise<TurnOutcome> {
    return this.metrics ? this.metrics.timeTurn(CHANNEL_ID, () => this.take(inbound, deliver)) : this.take(inbound, deliver);
  }

  private async take(inbound: Partial<Activity>, deliver: Deliver): Promise<TurnOutcome> {
    // expectReplies makes TurnContext buffer what the bot sends instead of handing it to a connector.
    const activity = { ...inbound, deliveryMode: DeliveryModes.ExpectReplies } as Activity;
    const outcome: TurnOutcome = { forgotten: false };
    await this.adapter.handle('', activity, async (context) => {
      // Registered first, so the turn-error apology (sent on this same context) is captured too.
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const sent of activities) {
          if (!NOT_DELIVERED.has(sent.type ?? '')) await deliver(sent);
        }
        return next();
      });
      await this.bot.run(context);
      outcome.forgotten = forgotten(context);
    });
    return outcome;
  }
}
