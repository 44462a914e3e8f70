// The built-in Direct Line's conversations in the SQLite file beside the conversation state. Each append is one
// IMMEDIATE transaction (read the counter, insert, bump it), so processes sharing the file never reuse a number.
// The transcript is health information: after "forget me" or expiry deletes some of it, `scrub` (the store's
// TRUNCATE checkpoint, with secure_delete on the connection) leaves no copy of it in the file or the WAL.
import type Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import {
  activityId, fromWatermark, guarded, LocalWatchers, MAX_ACTIVITIES_PER_CONVERSATION, newSigningSecret, readBack, seqOf, storedBody,
  type ActivityPage, type DirectLineConversation, type DirectLineLog,
} from './log.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS directline_conversations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    next_seq INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS directline_conversations_expires_at ON directline_conversations (expires_at);
  CREATE TABLE IF NOT EXISTS directline_activities (
    conversation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS kept_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
`;

const SECRET_NAME = 'directline-token-secret';

interface Row { user_id: string; next_seq: number }

export class SqliteDirectLineLog implements DirectLineLog {
  readonly watchesEveryInstance = false;
  private readonly watchers = new LocalWatchers();
  private readonly timer: NodeJS.Timeout;
  private readonly live: Database.Statement<[string, number], Row>;
  private readonly startTx: Database.Transaction<(id: string, userId: string, now: number) => { started: boolean; dropped: number }>;
  private readonly appendTx: Database.Transaction<(id: string, body: string, now: number) => number | undefined>;
  private readonly activities: Database.Statement<[string, number], { seq: number; body: string }>;
  private readonly forgetThrough: Database.Statement<[string, number]>;
  private readonly purgeTx: Database.Transaction<(now: number) => { conversations: number; activities: number }>;

  /** `scrub` runs after every deletion of activities: the SQLite store's checkpoint (see ../sqlite.ts). */
  constructor(private readonly db: Database.Database, private readonly ttlMs: number, purgeEveryMs: number,
    private readonly scrub: () => void = () => {}) {
    db.exec(SCHEMA);
    this.live = db.prepare('SELECT user_id, next_seq FROM directline_conversations WHERE id = ? AND expires_at > ?');
    const dropConversation = db.prepare('DELETE FROM directline_conversations WHERE id = ?');
    const dropActivities = db.prepare('DELETE FROM directline_activities WHERE conversation_id = ?');
    const insertConversation = db.prepare('INSERT INTO directline_conversations (id, user_id, next_seq, expires_at) VALUES (?, ?, 0, ?)');
    const insertActivity = db.prepare('INSERT INTO directline_activities (conversation_id, seq, body) VALUES (?, ?, ?)');
    const bump = db.prepare('UPDATE directline_conversations SET next_seq = next_seq + 1, expires_at = ? WHERE id = ?');
    this.activities = db.prepare('SELECT seq, body FROM directline_activities WHERE conversation_id = ? AND seq >= ? ORDER BY seq');
    this.forgetThrough = db.prepare('DELETE FROM directline_activities WHERE conversation_id = ? AND seq <= ?');

    this.startTx = db.transaction((id, userId, now) => {
      if (this.live.get(id, now)) return { started: false, dropped: 0 };
      // An expired conversation under the same id (not yet purged) is replaced, never resumed.
      const dropped = dropActivities.run(id).changes;
      dropConversation.run(id);
      insertConversation.run(id, userId, now + this.ttlMs);
      return { started: true, dropped };
    });
    this.appendTx = db.transaction((id, body, now) => {
      const row = this.live.get(id, now);
      if (!row || row.next_seq >= MAX_ACTIVITIES_PER_CONVERSATION) return undefined;
      insertActivity.run(id, row.next_seq, body);
      bump.run(now + this.ttlMs, id);
      return row.next_seq;
    });
    const expiredActivities = db.prepare(`DELETE FROM directline_activities WHERE conversation_id IN
      (SELECT id FROM directline_conversations WHERE expires_at <= ?)`);
    const expiredConversations = db.prepare('DELETE FROM directline_conversations WHERE expires_at <= ?');
    this.purgeTx = db.transaction((now) => {
      const activities = expiredActivities.run(now).changes;
      return { activities, conversations: expiredConversations.run(now).changes };
    });
    this.timer = setInterval(() => {
      try { this.purgeExpired(); } catch { /* another process holds the lock: the next round purges */ }
    }, purgeEveryMs);
    this.timer.unref();
  }

  async start(id: string, userId: string): Promise<boolean> {
    return guarded(() => {
      const { started, dropped } = this.startTx.immediate(id, userId, Date.now());
      if (dropped > 0) this.scrub();
      return started;
    });
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = await guarded(() => this.live.get(id, Date.now()));
    return row ? { id, userId: row.user_id } : undefined;
  }

  async append(id: string, activity: Partial<Activity>): Promise<string | undefined> {
    const now = Date.now();
    const seq = await guarded(() => this.appendTx.immediate(id, storedBody(activity, now), now));
    if (seq === undefined) return undefined;
    this.watchers.notify(id);
    return activityId(id, seq);
  }

  async since(id: string, watermark: string | undefined): Promise<ActivityPage | undefined> {
    return guarded(() => this.db.transaction(() => {
      const row = this.live.get(id, Date.now());
      if (!row) return undefined;
      const rows = this.activities.all(id, fromWatermark(watermark));
      return { activities: rows.map((r) => readBack(id, r.seq, r.body)), watermark: String(row.next_seq) };
    })());
  }

  async forget(id: string, throughId: string): Promise<void> {
    const seq = seqOf(id, throughId);
    if (seq === undefined) return;
    await guarded(() => {
      if (this.forgetThrough.run(id, seq).changes > 0) this.scrub();
    });
  }

  async signingSecret(): Promise<string> {
    return guarded(() => {
      this.db.prepare('INSERT OR IGNORE INTO kept_secrets (name, value) VALUES (?, ?)').run(SECRET_NAME, newSigningSecret());
      return (this.db.prepare('SELECT value FROM kept_secrets WHERE name = ?').get(SECRET_NAME) as { value: string }).value;
    });
  }

  async watch(id: string, onAppend: () => void): Promise<() => void> {
    return this.watchers.add(id, onAppend);
  }

  /** Deletes the conversations expired at `now` (tests pass a later time) and their activities; returns how many conversations. */
  purgeExpired(now = Date.now()): number {
    const { conversations, activities } = this.purgeTx.immediate(now);
    if (conversations + activities > 0) this.scrub();
    return conversations;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
