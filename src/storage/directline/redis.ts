// The built-in Direct Line's conversations in Redis, for several instances: per conversation a hash of its user
// and counter and a hash of activities by sequence number, both under one hash tag (one Cluster slot) so each
// append is one script: bump the counter, store, expire, publish. Instances hear each other's appends on a
// pub/sub channel per conversation, so a reply sent by one instance reaches a socket held by another.
import type { Redis } from 'ioredis';
import type { Activity } from 'botbuilder';
import {
  activityId, fromWatermark, guarded, LocalWatchers, MAX_ACTIVITIES_PER_CONVERSATION, newSigningSecret, readBack, seqOf,
  storedBody, type ActivityPage, type DirectLineConversation, type DirectLineLog,
} from './log.js';

// KEYS: meta, activities. ARGV: user id, TTL in ms. Returns 1 when started, 0 when it already exists.
const START = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'n', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

// KEYS: meta, activities. ARGV: most activities, TTL in ms, body, channel. Returns the seq, or -1 (gone or full).
const APPEND = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if not n or n >= tonumber(ARGV[1]) then return -1 end
redis.call('HSET', KEYS[2], n, ARGV[3])
redis.call('HSET', KEYS[1], 'n', n + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('PUBLISH', ARGV[4], n)
return n
`;

const SECRET_KEY = 'directline:token-secret';
// Channels are not keys: ioredis adds no prefix to them, so the app's prefix is written out here.
const channelOf = (id: string): string => `second-look:directline:${id}`;
const keysOf = (id: string): [string, string] => [`directline:{${id}}:meta`, `directline:{${id}}:activities`];

export class RedisDirectLineLog implements DirectLineLog {
  readonly watchesEveryInstance = true;
  private readonly watchers = new LocalWatchers();
  private readonly subscriber: Redis;
  /** Each watched conversation's SUBSCRIBE, settled once the server has confirmed it. */
  private readonly subscribed = new Map<string, Promise<unknown>>();

  constructor(private readonly redis: Redis, private readonly ttlMs: number) {
    // Subscribing takes a connection of its own; ioredis subscribes again by itself after a reconnection.
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, lazyConnect: false });
    this.subscriber.on('error', () => { /* the main connection logs outages */ });
    this.subscriber.on('message', (channel: string) => this.watchers.notify(channel.slice(channelOf('').length)));
    // Appends made while this connection was down were not heard: every watcher reads again.
    this.subscriber.on('ready', () => this.watchers.notifyAll());
  }

  async start(id: string, userId: string): Promise<boolean> {
    return await guarded(() => this.redis.eval(START, 2, ...keysOf(id), userId, this.ttlMs)) === 1;
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const userId = await guarded(() => this.redis.hget(keysOf(id)[0], 'u'));
    return userId === null ? undefined : { id, userId };
  }

  async append(id: string, activity: Partial<Activity>): Promise<string | undefined> {
    const seq = Number(await guarded(() => this.redis.eval(
      APPEND, 2, ...keysOf(id), MAX_ACTIVITIES_PER_CONVERSATION, this.ttlMs, storedBody(activity, Date.now()), channelOf(id),
    )));
    return seq < 0 ? undefined : activityId(id, seq);
  }

  async since(id: string, watermark: string | undefined): Promise<ActivityPage | undefined> {
    const [meta, activities] = keysOf(id);
    const next = await guarded(() => this.redis.hget(meta, 'n'));
    if (next === null) return undefined;
    const seqs: number[] = [];
    for (let seq = fromWatermark(watermark); seq < Number(next); seq += 1) seqs.push(seq);
    const bodies = seqs.length ? await guarded(() => this.redis.hmget(activities, ...seqs.map(String))) : [];
    const page: Partial<Activity>[] = [];
    bodies.forEach((body, i) => { if (body !== null) page.push(readBack(id, seqs[i]!, body)); });
    return { activities: page, watermark: next };
  }

  async forget(id: string, throughId: string): Promise<void> {
    const seq = seqOf(id, throughId);
    if (seq === undefined) return;
    const fields = Array.from({ length: seq + 1 }, (_, i) => String(i));
    await guarded(() => this.redis.hdel(keysOf(id)[1], ...fields));
  }

  async signingSecret(): Promise<string> {
    await guarded(() => this.redis.set(SECRET_KEY, newSigningSecret(), 'NX'));
    const secret = await guarded(() => this.redis.get(SECRET_KEY));
    if (secret === null) throw new Error('the kept token secret vanished');
    return secret;
  }

  async watch(id: string, onAppend: () => void): Promise<() => void> {
    const channel = channelOf(id);
    const stop = this.watchers.add(id, onAppend,
      // A failed SUBSCRIBE (Redis away) is made again by ioredis on reconnection, and 'ready' re-reads.
      () => { this.subscribed.set(id, this.subscriber.subscribe(channel).catch(() => {})); },
      () => { this.subscribed.delete(id); this.subscriber.unsubscribe(channel).catch(() => {}); });
    await this.subscribed.get(id);
    return stop;
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
