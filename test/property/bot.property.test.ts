import { expect } from 'chai';
import fc from 'fast-check';
import { chat, texts, triageOf } from '../dialogs/support.js';

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

  it('never lets one conversation change another', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("I can't control my bladder since yesterday", 'I have gone numb between my legs'), async (emergency) => {
      const a = chat();
      const b = chat();
      await a.start();
      await b.start();
      // A reports an emergency; B, interleaved with it on the same bot, is still at its questions.
      expect(triageOf(await a.say(emergency))?.urgency).to.equal('emergency');
      const replies = [...await b.say('8 weeks'), ...await b.say('every day')];
      expect(replies.some((r) => triageOf([r]))).to.equal(false);
      expect(texts(replies)).to.match(/better, about the same, or worse/);
    }), { numRuns: 6 });
  });
});
