/** Generality: paraphrases in words unlike the dev set must meet the same bar. */
import { expect } from 'chai';
import { EMERGENCY, URGENT, matcher } from './fixture.js';
import { PARAPHRASES } from './paraphrases.js';

describe('nlu: own paraphrases', () => {
  for (const p of PARAPHRASES) {
    it(`${p.expect}${p.finding ? ` ${p.finding}` : ''}: ${p.text}`, () => {
      const present = matcher().analyse(p.text).findings.filter((f) => f.status === 'present').map((f) => f.id as string);
      const em = present.filter((id) => (EMERGENCY as readonly string[]).includes(id));
      const ur = present.filter((id) => (URGENT as readonly string[]).includes(id));
      if (p.expect === 'none') expect([...em, ...ur]).to.deep.equal([]);
      else expect(present).to.include(p.finding);
      if (p.expect === 'urgent') expect(em).to.deep.equal([]);
    });
  }
});
