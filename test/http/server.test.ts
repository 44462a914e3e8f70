// The real server on a free loopback port. Assertions are about HTTP status and that replies exist, not
// about what the bot says, so they hold for the stub bot and the real one alike.
import { expect } from 'chai';
import {
  conversation, postActivity, postRaw, startTestServer, type Activity, type TestServer,
} from '../support/server.js';

const replyTexts = (activities: Activity[]) => activities.filter((a) => a.type === 'message');

describe('HTTP server', () => {
  let app: TestServer;
  before(async () => { app = await startTestServer(); });
  after(async () => { await app?.close(); });

  /** Sends odd input on `c` and checks the server took it: 200 and an activities array (which may be empty). */
  async function expectTaken(c: ReturnType<typeof conversation>, fields: Record<string, unknown>): Promise<Activity[]> {
    const res = await postRaw(app.url, { ...c.base(), type: 'message', ...fields, deliveryMode: 'expectReplies' });
    expect(res.status, res.text).to.equal(200);
    expect(res.json).to.have.property('activities').that.is.an('array');
    return (res.json as { activities: Activity[] }).activities;
  }

  /** The conversation still answers a plain message: nothing before it broke it. */
  async function stillAnswers(c: ReturnType<typeof conversation>): Promise<void> {
    const replies = await c.say('my back still hurts after six weeks of physical therapy');
    expect(replyTexts(replies), 'a message reply after the bad input').to.not.be.empty;
  }

  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/application\/json/);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
  });

  it('HEAD answers like GET without a body on /healthz, /readyz and the page (load balancers probe with it)', async () => {
    for (const path of ['/healthz', '/readyz', '/', '/chat', '/web/chat.js', '/web/embed.js', '/webchat.js']) {
      for (const encoding of ['identity', 'gzip']) {
        const headers = { 'accept-encoding': encoding };
        const get = await fetch(`${app.url}${path}`, { headers });
        await get.arrayBuffer();
        const head = await fetch(`${app.url}${path}`, { method: 'HEAD', headers });
        expect(head.status, `HEAD ${path}`).to.equal(200);
        expect(get.status, `GET ${path}`).to.equal(200);
        for (const name of ['content-type', 'content-length', 'content-encoding', 'cache-control', 'content-security-policy']) {
          expect(head.headers.get(name), `${name} of HEAD ${path} (${encoding})`).to.equal(get.headers.get(name));
        }
        expect((await head.arrayBuffer()).byteLength, `HEAD ${path} has no body`).to.equal(0);
      }
    }
    const missing = await fetch(`${app.url}/web/nope.js`, { method: 'HEAD' });
    expect(missing.status).to.equal(404);
  });

  it('unknown routes answer 404 JSON', async () => {
    const res = await fetch(`${app.url}/nope`);
    expect(res.status).to.equal(404);
    expect(await res.json()).to.have.property('error');
  });

  it('the wrong method on /api/messages answers 405 JSON', async () => {
    const res = await fetch(`${app.url}/api/messages`);
    expect(res.status).to.equal(405);
    expect(await res.json()).to.have.property('error');
  });

  it('a conversationUpdate and then a message get replies in the body (expectReplies)', async () => {
    const c = conversation(app.url);
    const start = await c.start();
    expect(replyTexts(start), 'the greeting').to.not.be.empty;
    const replies = await c.say('hello');
    expect(replyTexts(replies)).to.not.be.empty;
    expect(replies.every((a) => a.conversation && (a.conversation as { id: string }).id === c.id)).to.equal(true);
  });

  it('a first message with no conversationUpdate gets replies', async () => {
    await stillAnswers(conversation(app.url));
  });

  describe('bad input never crashes the server or stops the conversation', () => {
    let c: ReturnType<typeof conversation>;
    beforeEach(async () => { c = conversation(app.url); await c.start(); });
    afterEach(async () => { await stillAnswers(c); });

    it('empty text', async () => {
      await expectTaken(c, { text: '', textFormat: 'plain' });
    });

    it('whitespace-only text', async () => {
      await expectTaken(c, { text: '   \n\t ', textFormat: 'plain' });
    });

    it('5,000+ characters of text (truncated before the bot reads it)', async () => {
      const long = 'my back hurts when I bend over and it does not get better. '.repeat(120);
      expect(long.length).to.be.greaterThan(5000);
      const replies = await expectTaken(c, { text: long, textFormat: 'plain' });
      for (const a of replies) expect(String(a.text ?? '').length).to.be.lessThan(long.length);
      const lines = app.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.some((l) => l.msg === 'message text truncated' && l.conversationId === c.id), 'a truncation line for this conversation').to.equal(true);
    });

    it('emoji only', async () => {
      await expectTaken(c, { text: '😭😭🔥👍🏽', textFormat: 'plain' });
    });

    it('an attachment without text', async () => {
      await expectTaken(c, {
        attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:1/x-ray.png', name: 'x-ray.png' }],
      });
    });

    it('a card submit (value instead of text)', async () => {
      await expectTaken(c, { value: { answer: 'yes', questionId: 'bladder_bowel' } });
    });

    it('a non-message activity (typing)', async () => {
      await expectTaken(c, { type: 'typing' });
    });

    it('an unknown activity type', async () => {
      await expectTaken(c, { type: 'somethingNew' });
    });

    it('an activity without type answers 400, not 500', async () => {
      const { type: _omit, ...noType } = { ...c.base(), type: 'x', text: 'hi', deliveryMode: 'expectReplies' };
      const res = await postRaw(app.url, noType);
      expect(res.status).to.equal(400);
      expect(res.json).to.have.property('error').that.is.a('string');
      expect(res.text).to.not.match(/\n\s+at /); // no stack trace
    });

    it('a type that is not a string answers 400', async () => {
      const res = await postRaw(app.url, { ...c.base(), type: 42, deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(400);
    });

    it('an activity without a conversation id answers 400', async () => {
      const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'hi', conversation: {}, deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(400);
    });

    it('text that is not a string answers 400', async () => {
      const res = await postRaw(app.url, { ...c.base(), type: 'message', text: { evil: true }, deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(400);
    });

    it('a JSON body that is not an object answers 400', async () => {
      for (const body of ['[]', '"message"', '42', 'null']) {
        const res = await postRaw(app.url, body);
        expect(res.status, body).to.equal(400);
        expect(res.json).to.have.property('error');
      }
    });

    it('an empty body answers 400', async () => {
      const res = await postRaw(app.url, '');
      expect(res.status).to.equal(400);
    });

    it('malformed JSON answers 400', async () => {
      const res = await postRaw(app.url, '{"type": "message", "text": ');
      expect(res.status).to.equal(400);
      expect(res.json).to.deep.equal({ error: 'malformed JSON' });
    });

    it('a wrong content type answers 415', async () => {
      const activity = JSON.stringify({ ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const res = await postRaw(app.url, activity, { 'content-type': contentType });
        expect(res.status, contentType).to.equal(415);
        expect(res.json).to.have.property('error');
      }
    });

    it('a JSON content type with a charset is accepted', async () => {
      const activity = JSON.stringify({ ...c.base(), type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      const res = await postRaw(app.url, activity, { 'content-type': 'application/json; charset=utf-8' });
      expect(res.status).to.equal(200);
    });

    it('an oversized body answers 413', async () => {
      const res = await postRaw(app.url, { ...c.base(), type: 'message', text: 'x'.repeat(300 * 1024), deliveryMode: 'expectReplies' });
      expect(res.status).to.equal(413);
      expect(res.json).to.have.property('error');
    });
  });

  describe('afterwards', () => {
    it('the server still answers /healthz and new conversations after all of the above', async () => {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).to.equal(200);
      await stillAnswers(conversation(app.url));
    });
  });

  it('postActivity helper returns the replies array', async () => {
    const c = conversation(app.url);
    const replies = await postActivity(app.url, { ...c.base(), type: 'message', text: 'hi' });
    expect(replies).to.be.an('array').that.is.not.empty;
  });
});
