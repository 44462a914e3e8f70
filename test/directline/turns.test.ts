// What a turn sends reaches the page: replies sent late in the turn, and the apology of a turn that fails.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ActivityHandler } from 'botbuilder';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, startConversation } from './support.js';

/** A bot that answers in two steps, the second after a pause, and fails on "fail". */
class SlowBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      if (ctx.activity.text === 'fail') throw new Error('boom');
      await ctx.sendActivity('first');
      await sleep(300);
      await ctx.sendActivities([{ type: 'typing' }, { type: 'message', text: 'later in the turn' }, { type: 'trace', name: 'debug' }]);
      await next();
    });
  }
}

describe('built-in Direct Line turns', () => {
  let app: TestServer;
  before(async () => { app = await startTestServer({}, { createBot: () => new SlowBot() }); });
  after(async () => { await app.close(); });

  async function exchange(text: string) {
    const { domain, id, token } = await startConversation(app.url);
    const posted = await call(`${domain}/conversations/${id}/activities`, 'POST', token, { type: 'message', text });
    expect(posted.status).to.equal(200);
    const page = await call(`${domain}/conversations/${id}/activities?watermark=0`, 'GET', token);
    return { id: (posted.json as { id: string }).id, activities: (page.json as { activities: Array<Record<string, unknown>> }).activities };
  }

  it('delivers everything the turn sends, in order, as replies to the message; traces stay on the server', async () => {
    const { id, activities } = await exchange('hello');
    const replies = activities.filter((a) => a.replyToId === id);
    expect(replies.map((a) => a.type)).to.deep.equal(['message', 'typing', 'message']);
    expect(replies.map((a) => a.text).filter(Boolean)).to.deep.equal(['first', 'later in the turn']);
    expect(replies.every((a) => (a.from as { role: string }).role === 'bot')).to.equal(true);
  });

  it("delivers the adapter's apology when the turn fails", async () => {
    const { id, activities } = await exchange('fail');
    const replies = activities.filter((a) => a.replyToId === id);
    expect(replies.map((a) => a.text).join(' ')).to.match(/Sorry, something went wrong/);
    expect(app.logs.some((l) => l.includes('"msg":"turn failed"') && l.includes('"channelId":"directline"'))).to.equal(true);
  });
});
