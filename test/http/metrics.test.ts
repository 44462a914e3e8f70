// GET /metrics over HTTP on loopback: a few conversations played against the real app, then a scrape whose
// counts must match them exactly, and that holds nothing of what anyone sent (no ids, no text). Off unless
// METRICS_TOKEN (bearer, 401 otherwise) or METRICS_PORT (127.0.0.1, no token) is set.
import { expect } from 'chai';
import type { Storage, StoreItems } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot.js';
import { loadSettings, SettingsError } from '../../src/config.js';
import { call, startConversation } from '../directline/support.js';
import { conversation, postRaw, startTestServer, type Activity, type TestServer } from '../support/server.js';

const TOKEN = 'metrics-token-0123456789abcdef0123';
const ROUTINE = ['10 weeks', 'maybe once a week', 'about the same', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'none of those'];
const EMERGENCY = "I can't control my bladder since yesterday";

const urgencyOf = (replies: Activity[]): string | undefined => replies
  .map((r) => (r.channelData as { triage?: { urgency: string } } | undefined)?.triage?.urgency).find(Boolean);

async function scrape(url: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The samples of a scrape: `name{labels}` → value (comments skipped). */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

describe('GET /metrics', function () {
  this.timeout(60_000);

  describe('with METRICS_TOKEN, after a few conversations', () => {
    let app: TestServer;
    let text: string;
    let headers: Headers;
    const sent: string[] = [];
    const ids: string[] = [];
    let emulatorTurns = 0;

    before(async () => {
      app = await startTestServer({ METRICS_TOKEN: TOKEN });
      const say = async (c: ReturnType<typeof conversation>, message: string) => {
        sent.push(message);
        emulatorTurns += 1;
        return c.say(message);
      };
      const start = async (c: ReturnType<typeof conversation>) => {
        ids.push(c.id, (c.base().from as { id: string }).id);
        emulatorTurns += 1;
        return c.start();
      };

      // 1. A routine assessment, answered question by question.
      const routine = conversation(app.url);
      await start(routine);
      let urgency: string | undefined;
      for (const answer of ROUTINE) {
        urgency = urgencyOf(await say(routine, answer));
        if (urgency) break;
      }
      expect(urgency, 'the routine conversation ends with an assessment').to.equal('routine');
      // 2. An emergency straight after the greeting.
      const emergency = conversation(app.url);
      await start(emergency);
      expect(urgencyOf(await say(emergency, EMERGENCY))).to.equal('emergency');
      // 3. Greeted, one answer, then left.
      const left = conversation(app.url);
      await start(left);
      await say(left, 'Zyxwvut-4821 my back still hurts');
      // 4. The clinic page's built-in Direct Line: the greeting on start, then one message.
      const dl = await startConversation(app.url);
      ids.push(dl.id);
      const marker = 'Quixotic-9137 six weeks of PT';
      sent.push(marker);
      const posted = await call(`${dl.domain}/conversations/${dl.id}/activities`, 'POST', dl.token, { type: 'message', text: marker });
      expect(posted.status).to.equal(200);

      const res = await scrape(`${app.url}/metrics`);
      expect(res.status, res.text).to.equal(200);
      text = res.text;
      headers = res.headers;
    });
    after(async () => { await app?.close(); });

    it('counts turns and their latency by channel', () => {
      const m = samples(text);
      expect(m.get('second_look_turns_total{channel="emulator"}')).to.equal(emulatorTurns);
      expect(m.get('second_look_turns_total{channel="directline"}')).to.equal(2);
      expect(m.get('second_look_turn_duration_seconds_count{channel="emulator"}')).to.equal(emulatorTurns);
      expect(m.get('second_look_turn_duration_seconds_count{channel="directline"}')).to.equal(2);
      expect(m.get('second_look_turn_duration_seconds_bucket{le="+Inf",channel="emulator"}')).to.equal(emulatorTurns);
      expect(m.get('second_look_turn_duration_seconds_sum{channel="emulator"}')).to.be.greaterThan(0);
    });

    it('counts conversations started and finished, assessments by urgency and emergencies', () => {
      const m = samples(text);
      expect(m.get('second_look_conversations_started_total{channel="emulator"}')).to.equal(3);
      expect(m.get('second_look_conversations_started_total{channel="directline"}')).to.equal(1);
      expect(m.get('second_look_conversations_finished_total{channel="emulator"}')).to.equal(2);
      expect(m.has('second_look_conversations_finished_total{channel="directline"}')).to.equal(false);
      expect(m.get('second_look_assessments_total{urgency="routine"}')).to.equal(1);
      expect(m.get('second_look_assessments_total{urgency="soon"}')).to.equal(0);
      expect(m.get('second_look_assessments_total{urgency="urgent"}')).to.equal(0);
      expect(m.get('second_look_assessments_total{urgency="emergency"}')).to.equal(1);
      expect(m.get('second_look_emergencies_total')).to.equal(1);
      expect(m.get('second_look_store_errors_total{source="turn"}')).to.equal(0);
      expect(m.get('second_look_store_errors_total{source="directline"}')).to.equal(0);
      expect(m.get('second_look_rate_limited_total{limit="conversation"}')).to.equal(0);
    });

    it('has the default process metrics, in the Prometheus text format', () => {
      const m = samples(text);
      expect(m.get('process_cpu_user_seconds_total')).to.be.a('number');
      expect(m.get('process_resident_memory_bytes')).to.be.greaterThan(0);
      expect([...m.keys()].some((k) => k.startsWith('nodejs_heap_size_used_bytes'))).to.equal(true);
      expect(headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      expect(text).to.match(/^# HELP second_look_turns_total /m);
      expect(text).to.match(/^# TYPE second_look_turn_duration_seconds histogram$/m);
    });

    it('holds no conversation or user id and no message text', () => {
      expect(ids.length).to.be.greaterThan(5);
      for (const id of ids) expect(text, id).to.not.include(id);
      // Short answers ("no") are ordinary words of the help texts; every longer message is looked for whole.
      for (const message of sent.filter((m) => m.length >= 12)) expect(text, message).to.not.include(message);
      for (const word of ['Zyxwvut', 'Quixotic', 'bladder', 'test-', 'user-', 'dl_']) expect(text).to.not.include(word);
      // Only the fixed label names: nothing that could carry a person.
      const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((x) => x[1]));
      for (const label of labels) expect(['channel', 'urgency', 'source', 'limit', 'le', 'version', 'major', 'minor', 'patch', 'type', 'space', 'kind']).to.include(label);
    });

    it('refuses to be embedded by another site, and is not cached', () => {
      expect(headers.get('x-frame-options')).to.equal('DENY');
      expect(headers.get('content-security-policy')).to.include("frame-ancestors 'none'");
      expect(headers.get('cache-control')).to.equal('no-store');
    });

    it('answers 401 with no detail without the token, with a wrong one, or with another scheme', async () => {
      const refusals = [
        await scrape(`${app.url}/metrics`, {}),
        await scrape(`${app.url}/metrics`, { authorization: `Bearer ${TOKEN}x` }),
        await scrape(`${app.url}/metrics`, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }),
        await scrape(`${app.url}/metrics`, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }),
        await scrape(`${app.url}/metrics`, { authorization: TOKEN }),
      ];
      for (const r of refusals) {
        expect(r.status).to.equal(401);
        expect(JSON.parse(r.text)).to.deep.equal({ error: 'unauthorized' });
        expect(r.headers.get('x-frame-options')).to.equal('DENY');
      }
    });

    it('a channel nobody expects is counted as "other", never by its id', async () => {
      const c = conversation(app.url);
      await c.send({ channelId: 'made-up-channel-4711', text: 'hello' });
      const m = samples((await scrape(`${app.url}/metrics`)).text);
      expect(m.get('second_look_turns_total{channel="other"}')).to.equal(1);
      expect([...m.keys()].join('\n')).to.not.include('made-up-channel');
    });
  });

  it('is off (404) when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const app = await startTestServer();
    try {
      expect(app.metricsUrl).to.equal(undefined);
      expect((await scrape(`${app.url}/metrics`)).status).to.equal(404);
      expect((await scrape(`${app.url}/metrics`, {})).status).to.equal(404);
    } finally {
      await app.close();
    }
  });

  it('a metric update that fails never fails the turn', async () => {
    const app = await startTestServer({ METRICS_PORT: '0' }, {
      createBot: (deps) => createBot({ ...deps, observe: () => { throw new Error('metrics broke'); }, storeFailed: () => { throw new Error('metrics broke'); } }),
    });
    try {
      const c = conversation(app.url);
      const greeting = await c.start();
      expect(greeting.filter((a) => a.type === 'message')).to.not.be.empty;
      expect(urgencyOf(await c.say(EMERGENCY))).to.equal('emergency');
      const m = samples((await scrape(app.metricsUrl!, {})).text);
      expect(m.get('second_look_turns_total{channel="emulator"}')).to.equal(2);
    } finally {
      await app.close();
    }
  });

  describe('with METRICS_PORT', () => {
    let app: TestServer;
    /** Fails every read and write for conversations whose id starts with "store-fail". */
    const failing = (inner: Storage): Storage => {
      const check = (keys: string[]) => { if (keys.some((k) => k.includes('store-fail'))) throw new Error('the store is away'); };
      return {
        read: async (keys: string[]) => { check(keys); return inner.read(keys); },
        write: async (changes: StoreItems) => { check(Object.keys(changes)); return inner.write(changes); },
        delete: async (keys: string[]) => { check(keys); return inner.delete(keys); },
      };
    };

    before(async () => {
      app = await startTestServer({ METRICS_PORT: '0', RATE_LIMIT_PER_CONVERSATION: '2' }, {
        createBot: (deps) => createBot({ ...deps, storage: failing(deps.storage) }),
      });
    });
    after(async () => { await app?.close(); });

    it('serves /metrics on 127.0.0.1 without a token, and not on the main port', async () => {
      expect(app.metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const res = await scrape(app.metricsUrl!, {});
      expect(res.status).to.equal(200);
      expect(res.headers.get('x-frame-options')).to.equal('DENY');
      expect(res.text).to.include('process_cpu_user_seconds_total');
      expect((await scrape(`${app.url}/metrics`)).status).to.equal(404);
      expect((await scrape(app.metricsUrl!.replace('/metrics', '/api/messages'), {})).status).to.equal(404);
    });

    it('keeps its own registry: another app\'s turns are not in it', async () => {
      const c = conversation(app.url);
      await c.start();
      const m = samples((await scrape(app.metricsUrl!, {})).text);
      expect(m.get('second_look_turns_total{channel="emulator"}')).to.equal(1);
      expect(m.get('second_look_conversations_started_total{channel="emulator"}')).to.equal(1);
    });

    it('counts 429 answers and turns the store failed (the person gets the apology, the request its 200)', async () => {
      const c = conversation(app.url);
      const first = await postRaw(app.url, { ...c.base(), type: 'message', text: 'one', deliveryMode: 'expectReplies' });
      const second = await postRaw(app.url, { ...c.base(), type: 'message', text: 'two', deliveryMode: 'expectReplies' });
      const third = await postRaw(app.url, { ...c.base(), type: 'message', text: 'three', deliveryMode: 'expectReplies' });
      expect([first.status, second.status, third.status]).to.deep.equal([200, 200, 429]);
      const broken = await postRaw(app.url, { ...c.base(), conversation: { id: 'store-fail-1' }, type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      expect(broken.status, broken.text).to.equal(200);
      const m = samples((await scrape(app.metricsUrl!, {})).text);
      expect(m.get('second_look_rate_limited_total{limit="conversation"}')).to.equal(1);
      expect(m.get('second_look_rate_limited_total{limit="address"}')).to.equal(0);
      expect(m.get('second_look_store_errors_total{source="turn"}')).to.equal(1);
    });
  });

  describe('settings', () => {
    const error = (env: Record<string, string>): string => {
      try {
        loadSettings(env);
      } catch (err) {
        expect(err).to.be.instanceOf(SettingsError);
        return (err as Error).message;
      }
      throw new Error('expected a SettingsError');
    };

    it('takes METRICS_TOKEN and METRICS_PORT, both unset by default', () => {
      expect(loadSettings({})).to.include({ metricsToken: undefined, metricsPort: undefined });
      expect(loadSettings({ METRICS_TOKEN: TOKEN, METRICS_PORT: '9464' })).to.include({ metricsToken: TOKEN, metricsPort: 9464 });
      expect(loadSettings({ METRICS_TOKEN: '', METRICS_PORT: '' })).to.include({ metricsToken: undefined, metricsPort: undefined });
    });

    it('refuses bad values in one line, never echoing the token', () => {
      const short = error({ METRICS_TOKEN: 'short-secret' });
      expect(short).to.match(/^Invalid setting METRICS_TOKEN: must be at least 16 characters/);
      expect(short).to.not.include('short-secret');
      expect(error({ METRICS_TOKEN: 'has a space in the middle of it' })).to.match(/^Invalid setting METRICS_TOKEN: must be printable/);
      expect(error({ METRICS_PORT: 'nine' })).to.equal('Invalid setting METRICS_PORT: must be a whole number from 0 to 65535 (got "nine")');
      expect(error({ METRICS_PORT: '70000' })).to.match(/^Invalid setting METRICS_PORT: must be at most 65535/);
      expect(error({ PORT: '3978', METRICS_PORT: '3978' })).to.match(/^Invalid setting METRICS_PORT: must differ from PORT/);
      for (const message of [short, error({ METRICS_PORT: 'nine' })]) expect(message).to.not.include('\n');
    });
  });
});
