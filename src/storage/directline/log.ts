// The built-in Direct Line's conversations, kept in the same store as conversation state so that any instance
// can serve any conversation and a restart loses nothing: each conversation's user, its activities in order and
// its watermark (the next sequence number). Ids and watermarks come from the store's own atomic counter, so they
// stay in order whichever instance appends. One implementation per store: SQLite, Redis, and a document per
// conversation for any botbuilder Storage (memory, Cosmos DB).
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Bounds one conversation whatever a client does (about a thousand turns). */
export const MAX_ACTIVITIES_PER_CONVERSATION = 2_000;

export interface DirectLineConversation { id: string; userId: string }

export interface ActivityPage { activities: Partial<Activity>[]; watermark: string }

export interface DirectLineLog {
  /** Starts the conversation for `userId`; false when it already exists (a repeated start). */
  start(id: string, userId: string): Promise<boolean>;
  /** The conversation, or undefined when it never started or has expired. */
  get(id: string): Promise<DirectLineConversation | undefined>;
  /**
   * Adds a copy of the activity, with its id and timestamp set, and tells the watchers; returns the id.
   * Undefined when the conversation is gone or full. Every append pushes expiry CONVERSATION_TTL away.
   */
  append(id: string, activity: Partial<Activity>): Promise<string | undefined>;
  /** The activities from `watermark` on (anything unreadable counts as the start); undefined when gone. */
  since(id: string, watermark: string | undefined): Promise<ActivityPage | undefined>;
  /** "Forget me": deletes every activity up to and including `throughId`; later ones (the goodbye) stay. */
  forget(id: string, throughId: string): Promise<void>;
  /** The key that signs tokens: generated once, then kept with the data and shared by every instance. */
  signingSecret(): Promise<string>;
  /**
   * Calls `onAppend` after each append to the conversation; resolves, once listening, with the call that stops
   * it (read after it resolves, and nothing appended later goes unheard).
   */
  watch(id: string, onAppend: () => void): Promise<() => void>;
  /** True when watch() hears appends made by every instance; false when only this process's (then poll too). */
  readonly watchesEveryInstance: boolean;
  close(): Promise<void>;
}

/** The store could not be reached or used: the client is told to try again, nothing was changed. */
export class LogUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`direct line store unavailable (${(cause as Error)?.message ?? String(cause)})`);
    this.name = 'LogUnavailableError';
  }
}

/** Runs a store call, turning its failure into a LogUnavailableError. */
export async function guarded<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw err instanceof LogUnavailableError ? err : new LogUnavailableError(err);
  }
}

/** "<conversation>|<seq, 7 digits>": the id Web Chat sees; it sorts as the activities do. */
export const activityId = (conversationId: string, seq: number): string => `${conversationId}|${String(seq).padStart(7, '0')}`;

/** The sequence number in an id made by activityId, or undefined. */
export function seqOf(conversationId: string, id: string): number | undefined {
  const prefix = `${conversationId}|`;
  if (!id.startsWith(prefix) || !/^\d+$/.test(id.slice(prefix.length))) return undefined;
  return Number(id.slice(prefix.length));
}

/** The first sequence number to read for a watermark. */
export const fromWatermark = (watermark: string | undefined): number => (/^\d{1,9}$/.test(watermark ?? '') ? Number(watermark) : 0);

/**
 * The stored form of an activity: its JSON with the time it was kept, without an id (the id is its sequence
 * number, added on reading). A JSON copy, so later changes to the bot's object never reach the page.
 */
export function storedBody(activity: Partial<Activity>, now: number): string {
  const { id: _id, ...rest } = activity;
  return JSON.stringify({ ...rest, timestamp: new Date(now).toISOString() });
}

/** An activity as read back: the stored JSON with its id. */
export const readBack = (conversationId: string, seq: number, body: string): Partial<Activity> =>
  ({ ...(JSON.parse(body) as Partial<Activity>), id: activityId(conversationId, seq) });

export const newSigningSecret = (): string => randomBytes(32).toString('base64url');

/** Watchers of this process, by conversation: enough on its own where appends come only from here. */
export class LocalWatchers {
  private readonly byConversation = new Map<string, Set<() => void>>();

  /** Adds a watcher; `onFirst`/`onLast` run when a conversation gains its first or loses its last one. */
  add(id: string, onAppend: () => void, onFirst?: () => void, onLast?: () => void): () => void {
    let set = this.byConversation.get(id);
    if (!set) {
      set = new Set();
      this.byConversation.set(id, set);
      onFirst?.();
    }
    const mine = () => onAppend();
    set.add(mine);
    return () => {
      if (!set.delete(mine) || set.size > 0) return;
      this.byConversation.delete(id);
      onLast?.();
    };
  }

  notify(id: string): void {
    for (const listener of this.byConversation.get(id) ?? []) listener();
  }

  notifyAll(): void {
    for (const id of this.byConversation.keys()) this.notify(id);
  }
}
