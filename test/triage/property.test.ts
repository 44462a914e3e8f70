import { expect } from 'chai';
import { FINDING_IDS, urgencyRank, type FindingId } from '../../src/knowledge/ids.js';
import { assess, contribution, deriveFindings, type Answers, type FindingStatus } from '../../src/triage/index.js';
import { answers, bareKnowledge, URGENCY_OF } from './fixture.js';

/** mulberry32: a tiny seeded PRNG so a failing combination can be reproduced from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function randomAnswers(rand: () => number): Answers {
  const findings: Partial<Record<FindingId, FindingStatus>> = {};
  for (const id of FINDING_IDS) {
    const r = rand();
    if (r < 0.12) findings[id] = 'present';
    else if (r < 0.2) findings[id] = 'uncertain';
    else if (r < 0.35) findings[id] = 'absent';
  }
  return answers({
    findings,
    ptWeeks: rand() < 0.2 ? null : Math.round(rand() * 240) / 10,
    adherence: pick(rand, [null, 'high', 'partial', 'low'] as const),
    progress: pick(rand, [null, 'better', 'same', 'worse', 'unsure'] as const),
  });
}

describe('triage: properties over random answers (seed 20240917)', () => {
  const rand = prng(20240917);
  const cases = Array.from({ length: 500 }, () => randomAnswers(rand));

  it('never under-triages: urgency ≥ every present finding, recorded or derived', () => {
    let emergencies = 0;
    for (const [i, input] of cases.entries()) {
      const a = assess(input, bareKnowledge);
      const present = [
        ...FINDING_IDS.filter((id) => input.findings[id] === 'present'),
        ...deriveFindings(input),
      ];
      for (const id of present) {
        expect(urgencyRank(a.urgency), `case ${i}: ${id}`).to.be.at.least(urgencyRank(URGENCY_OF.get(id)!));
      }
      if (a.urgency === 'emergency') emergencies += 1;
    }
    expect(emergencies).to.be.greaterThan(50); // the sample really exercises the top level
  });

  it('an uncertain emergency answer always gives at least urgent', () => {
    let checked = 0;
    for (const [i, input] of cases.entries()) {
      const a = assess(input, bareKnowledge);
      const unsureEmergency = FINDING_IDS.some((id) => input.findings[id] === 'uncertain' && URGENCY_OF.get(id) === 'emergency');
      if (!unsureEmergency) continue;
      checked += 1;
      expect(urgencyRank(a.urgency), `case ${i}`).to.be.at.least(urgencyRank('urgent'));
    }
    expect(checked, 'the sample has uncertain emergency answers').to.be.greaterThan(50);
  });

  it('never over-triages: urgency is exactly the highest contribution, and drivers are the findings at it', () => {
    for (const [i, input] of cases.entries()) {
      const a = assess(input, bareKnowledge);
      const expected = a.findings.reduce((m, f) => Math.max(m, urgencyRank(contribution(f.finding.urgency, f.status))), 0);
      expect(urgencyRank(a.urgency), `case ${i}`).to.equal(expected);
      for (const f of a.findings) expect(f.urgency === a.urgency, `case ${i}: ${f.id}`).to.equal(a.drivers.includes(f));
    }
  });

  it('findings are sorted by urgency, then TRIAGE.md order, and absent ones are never listed', () => {
    for (const [i, input] of cases.entries()) {
      const a = assess(input, bareKnowledge);
      const derived = new Set(deriveFindings(input));
      for (const f of a.findings) {
        expect(input.findings[f.id] !== 'absent' || derived.has(f.id), `case ${i}: ${f.id}`).to.equal(true);
      }
      const keys = a.findings.map((f) => [-urgencyRank(f.urgency), FINDING_IDS.indexOf(f.id)] as const);
      const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      expect(keys, `case ${i}`).to.deep.equal(sorted);
    }
  });
});
