// The built-in Direct Line's conversations on any botbuilder Storage (memory, Cosmos DB): one document per
// conversation, appended to with the eTag it was read with, so two instances never take the same number (the
// loser reads again and retries). The store's own expiry (TTL) applies to the document as to conversation state.
import type { Activity, Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from '../store.js';
import {
  activityId, fromWatermark, guarded, LocalWatchers, LogUnavailableError, MAX_ACTIVITIES_PER_CONVERSATION, newSigningSecret, readBack, seqOf,
  storedBody, type ActivityPage, type DirectLineConversation, type DirectLineLog,
} from './log.js';

interface Document extends StoreItem {
  userId: string;
  next: number;
  /** Stored bodies by sequence number (forgotten ones removed). */
  activities: Record<string, string>;
}

const SECRET_KEY = 'second-look/directline-token-secret';
const keyOf = (id: string): string => `directline/log/${id}`;
/** Retries of an append that met a concurrent one: far more than two instances racing on one conversation need. */
const MAX_ATTEMPTS = 20;

export class DocumentDirectLineLog implements DirectLineLog {
  readonly watchesEveryInstance = false;
  private readonly watchers = new LocalWatchers();
  private secret: Promise<string> | undefined;

  constructor(private readonly storage: Storage) {}

  async start(id: string, userId: string): Promise<boolean> {
    if (await this.read(id)) return false;
    const doc: Document = { userId, next: 0, activities: {} };
    await guarded(() => this.storage.write({ [keyOf(id)]: doc }));
    return true;
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const doc = await this.read(id);
    return doc ? { id, userId: doc.userId } : undefined;
  }

  async append(id: string, activity: Partial<Activity>): Promise<string | undefined> {
    const body = storedBody(activity, Date.now());
    const seq = await this.update(id, (doc) => {
      if (doc.next >= MAX_ACTIVITIES_PER_CONVERSATION) return undefined;
      doc.activities[doc.next] = body;
      doc.next += 1;
      return doc.next - 1;
    });
    if (seq === undefined) return undefined;
    this.watchers.notify(id);
    return activityId(id, seq);
  }

  async since(id: string, watermark: string | undefined): Promise<ActivityPage | undefined> {
    const doc = await this.read(id);
    if (!doc) return undefined;
    const from = fromWatermark(watermark);
    const activities = Object.entries(doc.activities)
      .map(([seq, body]) => [Number(seq), body] as const)
      .filter(([seq]) => seq >= from)
      .sort(([a], [b]) => a - b)
      .map(([seq, body]) => readBack(id, seq, body));
    return { activities, watermark: String(doc.next) };
  }

  async forget(id: string, throughId: string): Promise<void> {
    const through = seqOf(id, throughId);
    if (through === undefined) return;
    await this.update(id, (doc) => {
      for (const seq of Object.keys(doc.activities)) if (Number(seq) <= through) delete doc.activities[seq];
      return true;
    });
  }

  async signingSecret(): Promise<string> {
    // Kept once read: a store with expiry (memory) would otherwise drop it after CONVERSATION_TTL.
    this.secret ??= guarded(async () => {
      const kept = (await this.storage.read([SECRET_KEY]))[SECRET_KEY] as { value?: string } | undefined;
      if (kept?.value) return kept.value;
      await this.storage.write({ [SECRET_KEY]: { value: newSigningSecret() } });
      return ((await this.storage.read([SECRET_KEY]))[SECRET_KEY] as { value: string }).value;
    });
    return this.secret;
  }

  async watch(id: string, onAppend: () => void): Promise<() => void> {
    return this.watchers.add(id, onAppend);
  }

  async close(): Promise<void> {}

  private async read(id: string): Promise<Document | undefined> {
    return (await guarded(() => this.storage.read([keyOf(id)])))[keyOf(id)] as Document | undefined;
  }

  /** Changes the document with the eTag it was read with, reading again after a concurrent change. */
  private async update<T>(id: string, change: (doc: Document) => T | undefined): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const doc = await this.read(id);
      if (!doc) return undefined;
      const result = change(doc);
      if (result === undefined) return undefined;
      try {
        await this.storage.write({ [keyOf(id)]: doc });
        return result;
      } catch (err) {
        if (!isETagConflict(err)) throw new LogUnavailableError(err);
      }
    }
    throw new Error(`direct line conversation ${id}: too many concurrent appends`);
  }
}
