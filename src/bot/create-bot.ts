import type { Storage } from 'botbuilder';
import type { Knowledge } from '../knowledge/load.js';
import type { Matcher } from '../nlu/index.js';
import { matcherFor } from '../understanding.js';
import type { ClinicInfo } from '../render/template.js';
import { OptimisticConversationState } from '../storage/optimistic-state.js';
import { SecondLookBot, type ShellDeps } from './second-look-bot.js';

export interface BotDeps {
  storage: Storage;
  knowledge: Knowledge;
  settings: ClinicInfo;
  /** Built once per process; tests may share one. */
  matcher?: Matcher;
  /** The server cuts longer text to this (MAX_MESSAGE_CHARS); the bot then says it read only the first part. */
  maxMessageChars?: number;
  /** What each turn did, for GET /metrics (counts only). */
  observe?: ShellDeps['observe'];
  /** A saved turn's usage counts (the daily counters). */
  counted?: ShellDeps['counted'];
  /** A turn the store failed, for GET /metrics. */
  storeFailed?: ShellDeps['storeFailed'];
}

export function createBot(deps: BotDeps): SecondLookBot {
  return new SecondLookBot({
    // Saves with the eTag it read: a racing turn's stale save is refused instead of overwriting (see the bot's run).
    conversationState: new OptimisticConversationState(deps.storage),
    knowledge: deps.knowledge,
    matcher: deps.matcher ?? matcherFor(deps.knowledge),
    clinic: deps.settings,
    maxMessageChars: deps.maxMessageChars ?? Number.POSITIVE_INFINITY,
    observe: deps.observe,
    storeFailed: deps.storeFailed,
    counted: deps.counted,
  });
}
