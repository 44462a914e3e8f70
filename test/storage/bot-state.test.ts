// The bot on each real store, over HTTP: "forget me" / "delete my data" deletes what is stored at once,
// and two racing turns of one conversation never lose an update silently (SQLite and Redis).
import { expect } from 'chai';
import type { Storage } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { conversation, startTestServer, type Activity, type TestServer } from '../support/server.js';
import { raceGate } from './race-gate.js';
import { backend, KINDS, type Backend, type Kind } from './stores.js';

const messages = loadKnowledge().messages;
const texts = (replies: Activity[]) => replies.map((a) => a.text ?? '').join('\n');
const stateKey = (conversationId: string) => `emulator/conversations/${conversationId}/`;
const firstLine = (text: string) => text.trim().split('\n')[0]!.slice(0, 40);

async function startOn(where: Backend) {
  let store!: Storage;
  let gate!: ReturnType<typeof raceGate>;
  const app: TestServer = await startTestServer(where.env, {
    createBot: (deps) => {
      store = deps.storage;
      gate = raceGate(deps.storage);
      return createBot({ ...deps, storage: gate.storage });
    },
  });
  return { app, store: () => store, arm: () => gate.arm() };
}

for (const kind of KINDS) {
  describe(`bot state on ${kind}`, function () {
    this.timeout(30_000);
    let where: Backend;
    let running: Awaited<ReturnType<typeof startOn>>;
    before(async () => { where = await backend(kind); running = await startOn(where); });
    after(async () => { await running?.app.close(); await where?.dispose(); });

    for (const phrase of ['forget me', 'delete my data']) {
      it(`"${phrase}", confirmed, deletes the stored state at once and says so`, async () => {
        const c = conversation(running.app.url);
        await c.start(); // greeted and asked the first question: that much is stored
        const key = stateKey(c.id);
        expect(await running.store().read([key])).to.have.property(key);
        const asked = await c.say(phrase);
        expect(texts(asked)).to.include(firstLine(messages.confirmForget));
        expect(await running.store().read([key])).to.have.property(key); // nothing deleted before the yes
        const replies = await c.say('yes');
        expect(texts(replies)).to.include(firstLine(messages.forgotten));
        expect(await running.store().read([key])).to.deep.equal({});
      });
    }

    if ((['sqlite', 'redis'] as Kind[]).includes(kind)) {
      it('two racing turns: the stale save is detected, the person is asked to repeat, the winner stands', async () => {
        const c = conversation(running.app.url);
        await c.start(); // asks how long PT has gone on
        running.arm();
        const [a, b] = await Promise.all([c.say('about 2 months'), c.say('about 6 months')]);
        const warned = [a, b].map((r) => texts(r).includes(firstLine(messages.concurrentTurn)));
        expect(warned.filter(Boolean), 'exactly one turn is told it was not kept').to.have.length(1);
        expect(running.app.logs.join('\n')).to.not.include('turn failed');
        // The state is the winner's whole turn, not a mix: its answer, and the next question pending.
        const key = stateKey(c.id);
        const stored = (await running.store().read([key]))[key] as { interview: { answers: { ptWeeks: number }; asking: { id: string } } };
        expect(stored.interview.answers.ptWeeks).to.be.closeTo(warned[0] ? 26 : 8.7, 0.5);
        expect(stored.interview.asking.id).to.equal('adherence');
        // And the conversation carries on from there.
        const next = await c.say('most days');
        expect(texts(next)).to.match(/better, about the same, or worse/);
      });
    }
  });
}
