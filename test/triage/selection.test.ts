import { expect } from 'chai';
import { assess, toChannelData } from '../../src/triage/index.js';
import { answers, knowledge, src } from './fixture.js';

const reasonIds = (a: ReturnType<typeof assess>): string[] => a.reasons.map((r) => r.id);
const stepIds = (a: ReturnType<typeof assess>): string[] => a.nextSteps.map((s) => s.id);

describe('triage: reasons, next steps, sources', () => {
  it('reasons are those whose when includes a present finding, in content order', () => {
    const a = assess(answers({ ptWeeks: 3, adherence: 'low', findings: { radiating: 'present' } }), knowledge);
    expect(reasonIds(a)).to.deep.equal(['plan_not_followed', 'not_enough_time', 'nerve_involvement']);
  });

  it('an uncertain finding selects no reason', () => {
    const a = assess(answers({ findings: { radiating: 'uncertain', numbness_tingling: 'absent' } }), knowledge);
    expect(reasonIds(a)).to.deep.equal([]);
  });

  it('a reason matched by two findings is listed once', () => {
    const a = assess(answers({ ptWeeks: 8, adherence: 'high', progress: 'worse' }), knowledge);
    expect(reasonIds(a)).to.deep.equal(['wrong_diagnosis']);
  });

  it('next steps are chosen by a listed finding or by the overall urgency', () => {
    const a = assess(answers({ ptWeeks: 8, adherence: 'high', progress: 'same', findings: { radiating: 'present' } }), knowledge);
    expect(a.urgency).to.equal('soon');
    expect(stepIds(a)).to.deep.equal(['re_evaluation', 'imaging']);
  });

  it('an uncertain finding selects its next steps, and so does the urgency it raises', () => {
    const a = assess(answers({ findings: { progressive_weakness: 'uncertain' } }), knowledge);
    expect(a.urgency).to.equal('urgent');
    expect(stepIds(a)).to.deep.equal(['see_doctor_today', 'imaging']);
  });

  it('an emergency selects the emergency step; a lower urgency does not', () => {
    expect(stepIds(assess(answers({ findings: { saddle_numbness: 'present' } }), knowledge))).to.deep.equal(['emergency_department']);
    expect(stepIds(assess(answers({ findings: { lifestyle: 'present' } }), knowledge))).to.deep.equal([]);
  });

  it('sources cover findings, reasons and next steps, de-duplicated and sorted', () => {
    const a = assess(answers({ ptWeeks: 3, progress: 'unsure', findings: { saddle_numbness: 'present' } }), knowledge);
    // saddle_numbness: TRIAGE.md; too_early: 002, 004; unnoticed_progress: 001;
    // not_enough_time: 002, 004; emergency_department: TRIAGE.md; pain_journal: 001.
    expect(a.sources).to.deep.equal([src('001'), src('002'), src('004'), 'TRIAGE.md']);
  });

  it('no findings at all: no reasons, no finding-based steps, no sources', () => {
    const a = assess(answers(), knowledge);
    expect(a.reasons).to.deep.equal([]);
    expect(a.nextSteps).to.deep.equal([]);
    expect(a.sources).to.deep.equal([]);
  });

  it('a routine-urgency next step is chosen even with no findings, and its sources are listed', () => {
    const keepGoing = { id: 'keep_going', title: 'keep going', explanation: 'x', when: { findings: [], urgency: ['routine' as const] }, sources: [src('004')] };
    const a = assess(answers(), { ...knowledge, nextSteps: [...knowledge.nextSteps, keepGoing] });
    expect(stepIds(a)).to.deep.equal(['keep_going']);
    expect(a.sources).to.deep.equal([src('004')]);
  });
});

describe('triage: toChannelData', () => {
  it('returns exactly the CONTRACT.md shape, with each finding at its own TRIAGE.md urgency', () => {
    const a = assess(answers({ ptWeeks: 8, adherence: 'partial', findings: { bladder_bowel: 'uncertain', radiating: 'present' } }), knowledge);
    const data = toChannelData(a, 'contact your doctor today');
    expect(data).to.deep.equal({
      urgency: 'urgent',
      action: 'contact your doctor today',
      findings: [
        { id: 'bladder_bowel', status: 'uncertain', urgency: 'emergency' },
        { id: 'radiating', status: 'present', urgency: 'soon' },
        { id: 'low_adherence', status: 'present', urgency: 'routine' },
      ],
      reasons: ['plan_not_followed', 'nerve_involvement'],
      sources: [src('000'), src('001'), src('002'), src('003'), src('004')],
    });
    expect(JSON.parse(JSON.stringify(data))).to.deep.equal(data);
  });

  it('an empty assessment still has every field', () => {
    const data = toChannelData(assess(answers(), { ...knowledge, nextSteps: [] }), 'keep going');
    expect(data).to.deep.equal({ urgency: 'routine', action: 'keep going', findings: [], reasons: [], sources: [] });
  });

  it('does not share the sources array with the assessment', () => {
    const a = assess(answers({ findings: { fever: 'present' } }), knowledge);
    const data = toChannelData(a, 'x');
    data.sources.push('TRIAGE.md');
    expect(a.sources).to.deep.equal([src('000'), src('002'), src('004')]);
  });
});
