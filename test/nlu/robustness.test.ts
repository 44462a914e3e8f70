/** analyse() never throws, stays bounded on long input, and is fast. */
import { expect } from 'chai';
import { createMatcher } from '../../src/nlu/index.js';
import { glossary, lexicon, matcher, question } from './fixture.js';
import { PARAPHRASES } from './paraphrases.js';

describe('nlu: robustness and speed', () => {
  const odd = ['', '   ', '\u0000\u0007\u001b[31m', '😀🔥💩', 'a'.repeat(20000), 'no '.repeat(7000), '?!.,;:', 'ÄÖÜ ßçñ 中文', '\uD800',
    "'''", '- - -', '1234567890'.repeat(100), 'can\'t\'t\'s', '* * *'];
  for (const t of odd) {
    it(`handles ${JSON.stringify(t.slice(0, 20))}${t.length > 20 ? '…' : ''}`, () => {
      const a = matcher().analyse(t);
      expect(a.findings).to.be.an('array');
      const u = matcher().interpret(question('bladder_bowel'), t, false);
      expect(u.outcome).to.be.oneOf(['answered', 'unsure', 'which', 'unclear']);
    });
  }
  it('handles non-string input without throwing', () => {
    expect(() => matcher().analyse(undefined as unknown as string)).to.not.throw();
    expect(() => matcher().analyse(42 as unknown as string)).to.not.throw();
  });

  it('stays bounded on 20,000 characters (< 50 ms)', () => {
    const long = 'my back hurts and I am not sure what to do about it, '.repeat(400);
    const t0 = performance.now();
    matcher().analyse(long);
    expect(performance.now() - t0).to.be.below(50);
  });

  it('starts up quickly (< 400 ms, classifier included)', () => {
    const t0 = performance.now();
    createMatcher({ lexicon, glossary });
    expect(performance.now() - t0).to.be.below(400);
  });

  it('analyses a typical message in well under a millisecond (median)', () => {
    const m = matcher();
    const texts = PARAPHRASES.map((p) => p.text);
    for (const t of texts) m.analyse(t);  // warm caches, as in a running bot
    const times: number[] = [];
    for (let r = 0; r < 5; r += 1) for (const t of texts) { const t0 = performance.now(); m.analyse(t); times.push(performance.now() - t0); }
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`      median analyse: ${(median * 1000).toFixed(0)} µs`);
    expect(median).to.be.below(1);
  });
});
