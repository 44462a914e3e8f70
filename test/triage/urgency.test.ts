import { expect } from 'chai';
import { FINDING_IDS, type FindingId } from '../../src/knowledge/ids.js';
import { assess, contribution } from '../../src/triage/index.js';
import { answers, bareKnowledge, knowledge, TRIAGE_TABLE } from './fixture.js';

const ids = (list: { id: FindingId }[]): FindingId[] => list.map((f) => f.id);

describe('triage: urgency', () => {
  it('the fixture covers every TRIAGE.md finding id, in TRIAGE.md order', () => {
    expect(TRIAGE_TABLE.map(([id]) => id)).to.deep.equal([...FINDING_IDS]);
  });

  it('no findings at all gives routine with no drivers', () => {
    const a = assess(answers(), knowledge);
    expect(a.urgency).to.equal('routine');
    expect(a.drivers).to.deep.equal([]);
    expect(a.findings).to.deep.equal([]);
    expect(a.uncertainRaised).to.equal(false);
  });

  describe('each TRIAGE.md row alone gives its own level', () => {
    for (const [id, level] of TRIAGE_TABLE) {
      it(`${id} present → ${level}`, () => {
        const a = assess(answers({ findings: { [id]: 'present' } }), bareKnowledge);
        expect(a.urgency).to.equal(level);
        expect(ids(a.drivers)).to.deep.equal([id]);
        expect(a.findings).to.have.length(1);
        expect(a.findings[0]).to.include({ id, status: 'present', urgency: level });
        expect(a.findings[0]!.finding.id).to.equal(id);
        expect(a.uncertainRaised).to.equal(false);
      });
    }
  });

  it('absent findings count for nothing', () => {
    const a = assess(answers({ findings: { bladder_bowel: 'absent', fever: 'absent', radiating: 'absent' } }), knowledge);
    expect(a.urgency).to.equal('routine');
    expect(a.findings).to.deep.equal([]);
    expect(a.reasons).to.deep.equal([]);
  });

  it('the highest level wins over mixed findings; drivers are those at that level', () => {
    const a = assess(answers({ findings: {
      lifestyle: 'present', radiating: 'present', night_pain: 'present', fever: 'present', saddle_numbness: 'absent',
    } }), bareKnowledge);
    expect(a.urgency).to.equal('urgent');
    expect(ids(a.drivers)).to.deep.equal(['fever', 'night_pain']);
    expect(ids(a.findings)).to.deep.equal(['fever', 'night_pain', 'radiating', 'lifestyle']);
  });

  it('one emergency among many lower findings gives emergency', () => {
    const a = assess(answers({ findings: { major_trauma: 'present', weight_loss: 'present', self_directed: 'present' } }), bareKnowledge);
    expect(a.urgency).to.equal('emergency');
    expect(ids(a.drivers)).to.deep.equal(['major_trauma']);
  });

  it('findings are listed highest first, ties in TRIAGE.md order whatever the record order', () => {
    const a = assess(answers({ findings: {
      lifestyle: 'present', too_early: 'present', instability: 'present', radiating: 'present', sudden_severe: 'present',
    } }), bareKnowledge);
    expect(ids(a.findings)).to.deep.equal(['sudden_severe', 'radiating', 'instability', 'too_early', 'lifestyle']);
  });

  describe('uncertain findings', () => {
    it('contribution() lowers an uncertain finding one level and keeps present ones', () => {
      expect(contribution('emergency', 'uncertain')).to.equal('urgent');
      expect(contribution('urgent', 'uncertain')).to.equal('soon');
      expect(contribution('soon', 'uncertain')).to.equal('routine');
      expect(contribution('routine', 'uncertain')).to.equal('routine');
      expect(contribution('emergency', 'present')).to.equal('emergency');
    });

    it('an uncertain emergency finding gives urgent and raises the level', () => {
      const a = assess(answers({ findings: { bladder_bowel: 'uncertain', low_adherence: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('urgent');
      expect(a.uncertainRaised).to.equal(true);
      expect(ids(a.drivers)).to.deep.equal(['bladder_bowel']);
      expect(a.findings[0]).to.include({ id: 'bladder_bowel', status: 'uncertain', urgency: 'urgent' });
    });

    it('every uncertain emergency finding alone gives urgent (TRIAGE.md rule 2)', () => {
      for (const [id, level] of TRIAGE_TABLE.filter(([, l]) => l === 'emergency')) {
        const a = assess(answers({ findings: { [id]: 'uncertain' } }), bareKnowledge);
        expect(a.urgency, id).to.equal('urgent');
        expect(a.uncertainRaised, id).to.equal(true);
        expect(level).to.equal('emergency');
      }
    });

    it('an uncertain urgent finding gives soon', () => {
      const a = assess(answers({ findings: { fever: 'uncertain' } }), bareKnowledge);
      expect(a.urgency).to.equal('soon');
      expect(a.uncertainRaised).to.equal(true);
      expect(a.findings[0]).to.include({ id: 'fever', status: 'uncertain', urgency: 'soon' });
    });

    it('an uncertain soon finding gives routine and raises nothing', () => {
      const a = assess(answers({ findings: { radiating: 'uncertain' } }), bareKnowledge);
      expect(a.urgency).to.equal('routine');
      expect(a.uncertainRaised).to.equal(false);
      expect(ids(a.drivers)).to.deep.equal(['radiating']);
    });

    it('uncertainRaised is false when present findings already reach that level', () => {
      const a = assess(answers({ findings: { bladder_bowel: 'uncertain', fever: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('urgent');
      expect(a.uncertainRaised).to.equal(false);
      expect(ids(a.drivers)).to.deep.equal(['bladder_bowel', 'fever']);
    });

    it('uncertainRaised is false when a present finding is higher than the uncertain one', () => {
      const a = assess(answers({ findings: { fever: 'uncertain', saddle_numbness: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('emergency');
      expect(a.uncertainRaised).to.equal(false);
      expect(ids(a.drivers)).to.deep.equal(['saddle_numbness']);
      expect(ids(a.findings)).to.deep.equal(['saddle_numbness', 'fever']);
    });
  });

  it('a finding missing from the knowledge is an error, not a silent drop', () => {
    const findings = new Map(knowledge.findings);
    findings.delete('fever');
    expect(() => assess(answers({ findings: { fever: 'present' } }), { ...knowledge, findings }))
      .to.throw(/fever/);
  });

  it('does not modify its input', () => {
    const input = answers({ findings: { fever: 'absent' }, ptWeeks: 3, adherence: 'low', progress: 'worse' });
    const copy = structuredClone(input);
    assess(input, knowledge);
    expect(input).to.deep.equal(copy);
  });
});
