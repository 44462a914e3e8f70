import { expect } from 'chai';
import type { FindingId } from '../../src/knowledge/ids.js';
import { adherenceFrom } from '../../src/knowledge/ids.js';
import { assess, deriveFindings, type Answers } from '../../src/triage/index.js';
import { answers, bareKnowledge } from './fixture.js';

const ids = (list: { id: FindingId }[]): FindingId[] => list.map((f) => f.id);
const derived = (over: Partial<Answers>): FindingId[] => deriveFindings(answers(over));

describe('triage: adherence from days a week', () => {
  it('5 days or more is as prescribed, 3 to under 5 some of the time, under 3 low', () => {
    expect([7, 5, 4.99, 3, 2.99, 0.5, 0].map(adherenceFrom)).to.deep.equal(['high', 'high', 'partial', 'partial', 'low', 'low', 'low']);
  });
});

describe('triage: derived findings', () => {
  it('nothing is derived when the structured answers are unknown', () => {
    expect(derived({})).to.deep.equal([]);
  });

  describe('too_early (fewer than about 6 weeks of PT)', () => {
    it('5.9 weeks is too early, 6 is not', () => {
      expect(derived({ ptWeeks: 5.9 })).to.deep.equal(['too_early']);
      expect(derived({ ptWeeks: 6 })).to.deep.equal([]);
    });
    it('0 weeks is too early; 12 weeks is not', () => {
      expect(derived({ ptWeeks: 0 })).to.deep.equal(['too_early']);
      expect(derived({ ptWeeks: 12 })).to.deep.equal([]);
    });
  });

  describe('low_adherence', () => {
    it('low and partial adherence derive it, high does not', () => {
      expect(derived({ adherence: 'low' })).to.deep.equal(['low_adherence']);
      expect(derived({ adherence: 'partial' })).to.deep.equal(['low_adherence']);
      expect(derived({ adherence: 'high' })).to.deep.equal([]);
    });
  });

  describe('no_progress_adherent (6+ weeks, high adherence, same or worse)', () => {
    it('6 weeks, high adherence, same → derived', () => {
      expect(derived({ ptWeeks: 6, adherence: 'high', progress: 'same' })).to.deep.equal(['no_progress_adherent']);
    });
    it('worse → derived together with worsening', () => {
      expect(derived({ ptWeeks: 9, adherence: 'high', progress: 'worse' })).to.deep.equal(['no_progress_adherent', 'worsening']);
    });
    it('5.9 weeks is too early instead', () => {
      expect(derived({ ptWeeks: 5.9, adherence: 'high', progress: 'same' })).to.deep.equal(['too_early']);
    });
    it('partial adherence gives low_adherence instead', () => {
      expect(derived({ ptWeeks: 8, adherence: 'partial', progress: 'same' })).to.deep.equal(['low_adherence']);
    });
    it('better or unsure progress does not derive it', () => {
      expect(derived({ ptWeeks: 8, adherence: 'high', progress: 'better' })).to.deep.equal([]);
      expect(derived({ ptWeeks: 8, adherence: 'high', progress: 'unsure' })).to.deep.equal(['unnoticed_progress']);
    });
    it('unknown weeks or adherence does not derive it', () => {
      expect(derived({ adherence: 'high', progress: 'same' })).to.deep.equal([]);
      expect(derived({ ptWeeks: 8, progress: 'same' })).to.deep.equal([]);
    });
  });

  describe('progress', () => {
    it('worse → worsening, unsure → unnoticed_progress, same/better → neither', () => {
      expect(derived({ progress: 'worse' })).to.deep.equal(['worsening']);
      expect(derived({ progress: 'unsure' })).to.deep.equal(['unnoticed_progress']);
      expect(derived({ progress: 'same' })).to.deep.equal([]);
      expect(derived({ progress: 'better' })).to.deep.equal([]);
    });
  });

  describe('merging with the finding record', () => {
    it('derived findings count in the assessment as present', () => {
      const a = assess(answers({ progress: 'worse' }), bareKnowledge);
      expect(a.urgency).to.equal('soon');
      expect(a.findings.map((f) => [f.id, f.status])).to.deep.equal([['worsening', 'present']]);
    });
    it('a structured answer outranks an absent or uncertain record for the same id', () => {
      const a = assess(answers({ findings: { worsening: 'absent', too_early: 'uncertain' }, progress: 'worse', ptWeeks: 2 }), bareKnowledge);
      expect(a.findings.map((f) => [f.id, f.status])).to.deep.equal([['worsening', 'present'], ['too_early', 'present']]);
    });
    it('the record stands when no derivation applies (free text said it)', () => {
      const a = assess(answers({ findings: { worsening: 'present' }, progress: 'better' }), bareKnowledge);
      expect(ids(a.findings)).to.deep.equal(['worsening']);
      expect(a.urgency).to.equal('soon');
    });
    it('an explicit absent stands when the structured answer does not contradict it', () => {
      const a = assess(answers({ findings: { worsening: 'absent' }, progress: 'same' }), bareKnowledge);
      expect(a.findings).to.deep.equal([]);
      expect(a.urgency).to.equal('routine');
    });
  });

  describe('vignette-like combinations', () => {
    it('8 weeks, high adherence, no change → soon, driven by no_progress_adherent', () => {
      const a = assess(answers({ ptWeeks: 8, adherence: 'high', progress: 'same' }), bareKnowledge);
      expect(a.urgency).to.equal('soon');
      expect(ids(a.findings)).to.deep.equal(['no_progress_adherent']);
      expect(ids(a.drivers)).to.deep.equal(['no_progress_adherent']);
    });

    it('10 weeks, low adherence, no change → routine with low_adherence', () => {
      const a = assess(answers({ ptWeeks: 10, adherence: 'low', progress: 'same',
        findings: { exercise_pain_or_boredom: 'present', lifestyle: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('routine');
      expect(ids(a.findings)).to.deep.equal(['low_adherence', 'exercise_pain_or_boredom', 'lifestyle']);
    });

    it('3 weeks, daily, radiating pain → soon with too_early and radiating', () => {
      const a = assess(answers({ ptWeeks: 3, adherence: 'high', progress: 'unsure', findings: { radiating: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('soon');
      expect(ids(a.findings)).to.deep.equal(['radiating', 'too_early', 'unnoticed_progress']);
      expect(ids(a.drivers)).to.deep.equal(['radiating']);
    });

    it('cancer history + night pain + 6 weeks adherent with no change → urgent', () => {
      const a = assess(answers({ ptWeeks: 6, adherence: 'high', progress: 'same',
        findings: { cancer_history: 'present', night_pain: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('urgent');
      expect(ids(a.drivers)).to.deep.equal(['cancer_history', 'night_pain']);
      expect(ids(a.findings)).to.deep.equal(['cancer_history', 'night_pain', 'no_progress_adherent']);
    });

    it('7 weeks, mostly adherent, a bit better, unsure about the bladder → urgent via the uncertain answer', () => {
      const a = assess(answers({ ptWeeks: 7, adherence: 'partial', progress: 'better',
        findings: { bladder_bowel: 'uncertain' } }), bareKnowledge);
      expect(a.urgency).to.equal('urgent');
      expect(a.uncertainRaised).to.equal(true);
      expect(ids(a.findings)).to.deep.equal(['bladder_bowel', 'low_adherence']);
    });

    it('5 weeks, adherent, worse, with fever → urgent with fever and worsening', () => {
      const a = assess(answers({ ptWeeks: 5, adherence: 'high', progress: 'worse', findings: { fever: 'present' } }), bareKnowledge);
      expect(a.urgency).to.equal('urgent');
      expect(ids(a.findings)).to.deep.equal(['fever', 'worsening', 'too_early']);
    });
  });
});
