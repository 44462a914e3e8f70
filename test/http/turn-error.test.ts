// A turn that throws must end in an apology to the person and a log line without their words, and the
// server must keep serving. A failing bot stands in for a bug in the real one.
import { expect } from 'chai';
import { ActivityHandler } from 'botbuilder';
import { conversation, startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'zebra-quartz-7731'; // a word that must never reach the log

describe('HTTP turn errors and logging', () => {
  let app: TestServer;
  before(async () => {
    app = await startTestServer({ LOG_LEVEL: 'debug', LOG_TRANSCRIPTS: 'false' }, {
      createBot: () => {
        const bot = new ActivityHandler();
        bot.onMessage(async (ctx, next) => {
          if (ctx.activity.text?.includes('fail')) throw new Error('simulated bug in the bot');
          await ctx.sendActivity('fine');
          await next();
        });
        return bot;
      },
    });
  });
  after(async () => { await app?.close(); });

  it('a failing turn answers 200 with an apology, and the conversation goes on', async () => {
    const c = conversation(app.url);
    const replies = await c.say(`please fail now ${SECRET}`);
    const messages = replies.filter((a) => a.type === 'message');
    expect(messages).to.have.length(1);
    expect(String(messages[0]!.text ?? '')).to.not.equal('').and.not.equal('fine'); // the apology
    const next = await c.say('and now?');
    expect(next.map((a) => a.text)).to.include('fine');
  });

  it('the failure is logged with identifiers and no message text', async () => {
    const c = conversation(app.url);
    await c.say(`fail with ${SECRET}`);
    const lines = app.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failure = lines.find((l) => l.msg === 'turn failed' && l.conversationId === c.id);
    expect(failure, 'a "turn failed" line for this conversation').to.exist;
    expect(failure!.level).to.equal('error');
    expect(app.logs.join('\n')).to.not.include(SECRET);
  });

  it('every log line is one JSON object with level, time and msg', () => {
    expect(app.logs).to.not.be.empty;
    for (const line of app.logs) {
      expect(line).to.not.include('\n');
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).to.include.keys('level', 'time', 'msg');
    }
  });
});
