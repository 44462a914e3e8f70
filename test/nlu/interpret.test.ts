/** interpret(): answers to each kind of question, with question-specific words. */
import { expect } from 'chai';
import type { AnswerUpdate } from '../../src/nlu/types.js';
import { matcher, question } from './fixture.js';

const ask = (qid: string, text: string, final = false): AnswerUpdate => matcher().interpret(question(qid), text, final);

describe('nlu: interpret', () => {
  it('duration → ptWeeks', () => {
    expect(ask('pt_duration', '6 or 7 weeks').ptWeeks).to.equal(6.5);
    expect(ask('pt_duration', 'about two months').ptWeeks).to.be.closeTo(8.7, 0.1);
    expect(ask('pt_duration', '6').ptWeeks).to.equal(6);
    expect(ask('pt_duration', 'not sure').outcome).to.equal('unsure');
    expect(ask('pt_duration', 'banana').outcome).to.equal('unclear');
  });

  // low_adherence and worsening are derived from these answers by triage alone (test/triage/derived.test.ts).
  it('frequency → adherence', () => {
    expect(ask('adherence', "maybe once or twice a week if I'm lucky")).to.deep.include({ adherence: 'low' });
    expect(ask('adherence', 'never missed a session').adherence).to.equal('high');
    expect(ask('adherence', "I'm good about it, skip the odd Sunday").adherence).to.equal('high');
    expect(ask('adherence', '3 times a week').adherence).to.equal('partial');
    expect(ask('adherence', 'rarely').adherence).to.equal('low');
  });

  it('progress → better/same/worse/unsure', () => {
    const w = ask('progress', "no, if anything it's more painful");
    expect(w.progress).to.equal('worse');
    expect(ask('progress', 'hardly any change').progress).to.equal('same');
    expect(ask('progress', 'a tad better').progress).to.equal('better');
    expect(ask('progress', 'too soon to say maybe').progress).to.equal('unsure');
    expect(ask('progress', "only while I'm moving, it's back by the next morning").progress).to.equal('same');
  });

  it('weakness: question words decide progressive or stable; a bare yes asks which', () => {
    expect(ask('weakness', 'yes, getting weaker and worse every few days').findings.progressive_weakness).to.equal('present');
    const stable = ask('weakness', 'weaker but unchanged for months');
    expect(stable.findings.stable_weakness).to.equal('present');
    expect(stable.findings.progressive_weakness).to.equal(undefined);
    expect(ask('weakness', 'yes').outcome).to.equal('which');
    expect(ask('weakness', 'no').findings).to.deep.equal({ progressive_weakness: 'absent', stable_weakness: 'absent' });
  });

  it('cancer: "all-clear" does not undo the history', () => {
    const u = ask('cancer_history', 'I did, prostate. they zapped it with radiotherapy in 2021 and I got the all-clear');
    expect(u).to.deep.include({ outcome: 'answered' });
    expect(u.findings.cancer_history).to.equal('present');
    expect(ask('cancer_history', 'no, never').findings.cancer_history).to.equal('absent');
  });

  it('not sure: unsure first, uncertain on the final attempt', () => {
    const text = "erm, not sure. maybe? it's been a bit different lately but I honestly can't say how";
    expect(ask('bladder_bowel', text).outcome).to.equal('unsure');
    expect(ask('bladder_bowel', text).findings.bladder_bowel).to.equal(undefined);
    expect(ask('bladder_bowel', text, true)).to.deep.equal({ outcome: 'answered', findings: { bladder_bowel: 'uncertain' } });
  });

  it('yes/no forms on single-finding questions', () => {
    expect(ask('night_pain', "yeah, I'm awake with it most nights").findings.night_pain).to.equal('present');
    expect(ask('night_pain', 'no, I sleep fine').findings.night_pain).to.equal('absent');
    expect(ask('bladder_bowel', 'nope').findings.bladder_bowel).to.equal('absent');
    expect(ask('bladder_bowel', "well, this week I've had to really strain to start peeing").findings.bladder_bowel).to.equal('present');
  });

  it('multi-finding questions: named findings, "none of those", bare yes', () => {
    expect(ask('fever_weight', 'yes').outcome).to.equal('which');
    expect(ask('pain_pattern', 'all the way down to my shin').findings.radiating).to.equal('present');
    expect(ask('pain_pattern', 'none of those').findings.instability).to.equal('absent');
    const plan = ask('plan_fit', "no time, I'm shattered after shifts");
    expect(plan.findings.exercise_pain_or_boredom).to.equal('present');
    expect(plan.findings.self_directed).to.equal(undefined);
  });

  it('keeps findings not asked about', () => {
    const u = ask('adherence', 'most days, but I wet myself yesterday');
    expect(u.findings.bladder_bowel).to.equal('present');
  });

  it('says unclear when nothing is usable', () => {
    expect(ask('night_pain', 'purple elephants').outcome).to.equal('unclear');
  });
});
