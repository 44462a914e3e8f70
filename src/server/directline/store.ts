// The built-in Direct Line's conversations, in memory: each one's activities in order (the watermark is an index
// into them) and a queue that runs its turns one at a time. Conversations idle for longer than the TTL are dropped.
import type { Activity } from 'botbuilder';

/** Bounds that keep one process's memory in check whatever clients do. */
export const MAX_CONVERSATIONS = 10_000;
export const MAX_ACTIVITIES_PER_CONVERSATION = 2_000;

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly activities: Partial<Activity>[];
  lastActive: number;
  /** The tail of this conversation's turns: a new turn starts when the previous one has finished. */
  turns: Promise<void>;
}

export interface ActivityPage { activities: Partial<Activity>[]; watermark: string }

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  get size(): number { return this.conversations.size; }

  /** The conversation, or undefined when it never started or has expired. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation && this.expired(conversation)) {
      this.conversations.delete(id);
      return undefined;
    }
    return conversation;
  }

  /** Starts a conversation; undefined when the process already holds as many as it may. */
  create(id: string, userId: string): Conversation | undefined {
    if (this.conversations.size >= MAX_CONVERSATIONS) this.sweep();
    if (this.conversations.size >= MAX_CONVERSATIONS) return undefined;
    const conversation: Conversation = { id, userId, activities: [], lastActive: this.now(), turns: Promise.resolve() };
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Adds an activity (a copy, with its id and timestamp set) and returns the id; undefined when the conversation is full. */
  append(conversation: Conversation, activity: Partial<Activity>): string | undefined {
    if (conversation.activities.length >= MAX_ACTIVITIES_PER_CONVERSATION) return undefined;
    const id = `${conversation.id}|${String(conversation.activities.length).padStart(7, '0')}`;
    // A JSON copy: the stored activity never changes when the bot's object does, and Dates become strings.
    const stored = JSON.parse(JSON.stringify({ ...activity, id, timestamp: new Date(this.now()).toISOString() })) as Partial<Activity>;
    conversation.activities.push(stored);
    this.touch(conversation);
    return id;
  }

  /** The activities after `watermark` (an index; anything unreadable counts as the start). */
  since(conversation: Conversation, watermark: string | undefined): ActivityPage {
    const from = /^\d+$/.test(watermark ?? '') ? Number(watermark) : 0;
    this.touch(conversation);
    return { activities: conversation.activities.slice(from), watermark: String(conversation.activities.length) };
  }

  touch(conversation: Conversation): void {
    conversation.lastActive = this.now();
  }

  /** Drops every expired conversation. */
  sweep(): void {
    for (const [id, conversation] of this.conversations) {
      if (this.expired(conversation)) this.conversations.delete(id);
    }
  }

  private expired(conversation: Conversation): boolean {
    return this.now() - conversation.lastActive > this.ttlMs;
  }
}
