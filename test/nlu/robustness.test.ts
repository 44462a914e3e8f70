/** analyse() never throws, on odd and long input alike. */
import { expect } from 'chai';
import { matcher, question } from './fixture.js';

describe('nlu: robustness', () => {
  const odd = ['', '   ', '\u0000\u0007\u001b[31m', '😀🔥💩', 'a'.repeat(20000), 'no '.repeat(7000), '?!.,;:', 'ÄÖÜ ßçñ 中文', '\uD800',
    "'''", '- - -', '1234567890'.repeat(100), 'can\'t\'t\'s', '* * *'];
  for (const t of odd) {
    it(`handles ${JSON.stringify(t.slice(0, 20))}${t.length > 20 ? '…' : ''}`, () => {
      const a = matcher().analyse(t);
      expect(a.findings).to.be.an('array');
      // Odd text is never read as a yes to a red-flag question, nor as a question back.
      const u = matcher().interpret(question('bladder_bowel'), t, false);
      expect(u.findings.bladder_bowel, 'no finding from odd text').to.not.equal('present');
      expect(u.outcome).to.not.equal('question');
    });
  }
  it('handles non-string input without throwing', () => {
    expect(() => matcher().analyse(undefined as unknown as string)).to.not.throw();
    expect(() => matcher().analyse(42 as unknown as string)).to.not.throw();
  });

  it('reads 20,000 characters without throwing (speed is measured by `npm run bench -- --only matcher`)', () => {
    const long = 'my back hurts and I am not sure what to do about it, '.repeat(400);
    expect(matcher().analyse(long).findings).to.be.an('array');
  });
});
