// TEMPORARY STUB (the lead replaces this with the real bot): echoes text so the server can be built and tested.
import { ActivityHandler, ConversationState, UserState, type Storage } from 'botbuilder';
import type { Knowledge } from '../knowledge/load.js';

export interface BotSettings { emergencyNumber: string; clinicName: string; clinicPhone: string }

export interface BotDeps { storage: Storage; knowledge: Knowledge; settings: BotSettings }

export function createBot(deps: BotDeps): ActivityHandler {
  const conversationState = new ConversationState(deps.storage);
  const userState = new UserState(deps.storage);
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => { await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`); await next(); });
  bot.onTurn(async (ctx, next) => { await next(); await conversationState.saveChanges(ctx); await userState.saveChanges(ctx); });
  return bot;
}
