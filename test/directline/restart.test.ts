// A restart on the default settings (SQLite, no DIRECT_LINE_TOKEN_SECRET) loses nothing on the page: the bot is
// killed (SIGKILL) mid-interview and started again; the same token reads the whole history, and the next answer
// gets the next question. A page that reloads after the restart reconnects (over WebSocket) and reads it too.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, type BotProcess } from '../storage/bot-process.js';
import { connect } from './client.js';
import { call, expectInOrderOnce, getToken, PageSession, transcript } from './support.js';

describe('built-in Direct Line across a restart (SIGKILL, default SQLite)', function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'second-look-dl-restart-'));
  // Only the file's place is set: storage, token key and everything else are the defaults.
  const env = { SQLITE_PATH: join(dir, 'second-look.db') };
  let bot: BotProcess | undefined;
  after(async () => { await bot?.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

  it('the same token reads the history and the interview goes on at the next question', async () => {
    bot = await startBotProcess(env);
    const { token, domain } = await getToken(bot.url);
    let origin = bot.url;
    const domainNow = () => domain.replace(new URL(domain).origin, origin);
    const started = await call(`${domainNow()}/conversations`, 'POST', token);
    expect(started.status).to.equal(201);
    const { conversationId, token: conversationToken } = started.json as { conversationId: string; token: string };
    const page = new PageSession(domainNow, conversationId, conversationToken);
    await page.read();
    await page.say('10 weeks');
    await page.say('a few times a week');
    const before = [...page.seen];
    const asked = page.lastQuestion();
    expect(asked).to.match(/better, about the same, or worse/i);

    await bot.kill('SIGKILL');
    bot = await startBotProcess(env);
    origin = bot.url;

    // What a reloaded page does first: read everything with the token it kept.
    const again = new PageSession(domainNow, conversationId, conversationToken);
    await again.read();
    expect(again.seen.map((a) => a.id)).to.deep.equal(before.map((a) => a.id));
    expect(again.seen.map((a) => a.text)).to.deep.equal(before.map((a) => a.text));
    const replies = await again.say('about the same');
    expect(replies.map((a) => a.text).join('\n')).to.not.equal('').and.not.match(/better, about the same, or worse/i);
    expectInOrderOnce(again.seen);
    console.log(`      before the restart the page saw:\n${transcript(before)}\n      after it (same token, new process):\n${transcript(again.seen.slice(before.length))}`);

    // A page reloaded now: the reconnect call and the WebSocket bring back the whole history.
    const reloaded = connect(domainNow(), conversationToken, { webSocket: true, conversationId });
    try {
      const last = again.seen.at(-1)!;
      await reloaded.waitFor((a) => a.id === last.id);
      expect(reloaded.received.map((a) => a.id)).to.deep.equal(again.seen.map((a) => a.id));
    } finally {
      reloaded.end();
    }
  });
});
