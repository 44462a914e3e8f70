import { expect } from 'chai';
import fc from 'fast-check';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { FindingStatus } from '../../src/triage/answers.js';
import { matcherFor } from '../../src/understanding.js';

// For any text at all, the matcher answers and never throws (how fast is the bench's: `npm run bench -- --only matcher`).
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),                       // any Unicode, control characters included
  fc.string({ unit: 'grapheme', maxLength: 300 }),                     // emoji, other scripts
  fc.constantFrom("'; DROP TABLE conversations; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
    '{{7*7}}', '${process.exit(1)}', '\u0000\u0007\u001b[31m', '\ud800', 'ﷺ'.repeat(500)),
  fc.array(fc.constantFrom('no', 'fever', 'not', 'bladder', 'weak', 'worse', 'never', 'maybe', 'pain', 'leg', 'é', '我'), { maxLength: 80 }).map((w) => w.join(' ')),
);

describe('matcher properties (fast-check)', () => {
  const knowledge = loadKnowledge();
  const matcher = matcherFor(knowledge);

  it('analyse never throws and returns a well-formed analysis for any text', () => {
    let mentioned = 0;
    fc.assert(fc.property(anyText, (text) => {
      const a = matcher.analyse(text);
      expect(a.findings).to.be.an('array');
      mentioned += a.findings.length;
      for (const f of a.findings) expect(knowledge.findings.has(f.id), f.id).to.equal(true);
      expect(a.weeks === null || Number.isFinite(a.weeks)).to.equal(true);
    }), { numRuns: 400 });
    expect(mentioned, 'findings mentioned over all runs (the id check above ran)').to.be.greaterThan(0);
  });

  it('interpret never throws, and records only known findings with a valid status, for any question and any text', () => {
    let recorded = 0;
    fc.assert(fc.property(fc.constantFrom(...knowledge.questions), anyText, fc.boolean(), (q, text, final) => {
      const u = matcher.interpret(q, text, final);
      expect(['answered', 'unsure', 'which', 'unclear', 'question']).to.include(u.outcome);
      for (const [id, status] of Object.entries(u.findings)) {
        recorded += 1;
        expect(knowledge.findings.has(id as never), id).to.equal(true);
        expect(FindingStatus.options, id).to.include(status);
      }
    }), { numRuns: 300 });
    expect(recorded, 'findings recorded over all runs (the check above ran)').to.be.greaterThan(0);
  });

  // Speed is the bench's (`npm run bench -- --only matcher`); here, that a pasted essay is read like its start.
  it('reads only the first part of 20,000 characters (bounded work on pasted essays)', () => {
    const unit = 'my back hurts and I have no fever but the pain goes down my leg ';
    const long = unit.repeat(320).slice(0, 20_000);
    expect(matcher.analyse(long).normalized.length).to.be.below(long.length / 4);
    expect(matcher.analyse(long).findings.map((f) => f.id)).to.deep.equal(matcher.analyse(unit.repeat(3)).findings.map((f) => f.id));
  });
});
