import { expect } from 'chai';
import fc from 'fast-check';
import { chat, texts } from '../dialogs/support.js';

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('<b>bold</b><script>alert(1)</script>', "Robert'); DROP TABLE students;--", '\u202e\u200b', '   ', '\n\n\n'),
);

describe('bot properties (fast-check)', function () {
  this.timeout(60_000);

  it('always answers, whatever is typed, and never echoes raw HTML into a card', async () => {
    await fc.assert(fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 4 }), async (messages) => {
      const c = chat('emulator');
      await c.start();
      for (const m of messages) {
        const replies = await c.say(m);
        expect(replies.length, `a reply to ${JSON.stringify(m)}`).to.be.greaterThan(0);
        for (const r of replies) {
          const cards = JSON.stringify(r.attachments ?? []);
          expect(cards).not.to.contain('<script');
          expect(cards).not.to.contain('<b>');
        }
      }
    }), { numRuns: 40 });
  });

  it('never shows one conversation anything from another', async () => {
    await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z]{6,10}$/), async (marker) => {
      const a = chat();
      const b = chat();
      await a.start();
      await b.start();
      await a.say(`my name is ${marker} and I have done PT for 8 weeks`);
      const replies = [...await b.say('8 weeks'), ...await b.say('every day'), ...await b.say('why?')];
      expect(texts(replies)).not.to.contain(marker);
    }), { numRuns: 15 });
  });
});
