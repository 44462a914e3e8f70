// A restart loses nothing: the bot process is killed (SIGKILL, no chance to flush) in the middle of the
// red-flag questions and started again on the same SQLite file; the conversation goes on at the same
// question and ends in the same assessment as an uninterrupted one.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { isRedFlagQuestion, referenceWalk, walk, type Walk } from './scenario.js';

describe('restart on SQLite', function () {
  this.timeout(90_000); // two process start-ups with tsx and the real content
  const dir = mkdtempSync(join(tmpdir(), 'second-look-restart-'));
  const env = { STORAGE: 'sqlite', SQLITE_PATH: join(dir, 'second-look.db') };
  let bot: BotProcess | undefined;
  after(async () => { await bot?.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

  it('goes on at the same question after SIGKILL and ends in the right assessment', async () => {
    const reference = await referenceWalk();
    expect(reference.triage?.urgency).to.equal('urgent');
    bot = await startBotProcess(env);
    let killedAt: string | undefined;
    const run: Walk = await walk(() => bot!.url, async (_turn, question) => {
      // At the fever question: the weakness answer (the urgent one) is stored, more red flags are to come.
      if (killedAt || !isRedFlagQuestion(question) || !/fever/i.test(question)) return;
      killedAt = question;
      await bot!.kill('SIGKILL');
      bot = await startBotProcess(env);
    });
    expect(killedAt, 'the run reached the red-flag questions').to.be.a('string');
    expect(run.questions).to.deep.equal(reference.questions);
    expect(run.triage).to.deep.equal(reference.triage);
  });
});
