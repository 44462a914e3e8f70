// The capability table and text adaptation of src/render, without a server.
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Messages } from '../../src/knowledge/schemas.js';
import { assessmentActivity, whyText } from '../../src/render/assessment.js';
import { adaptText, capabilities } from '../../src/render/channel.js';
import { questionActivity } from '../../src/render/choices.js';
import { assess, emptyAnswers, type Answers } from '../../src/triage/index.js';

const CHOICES = [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }];

describe('render: channel capabilities', () => {
  it('cards on Web Chat, Direct Line, the Emulator and Teams; Slack and unknown channels get none', () => {
    for (const id of ['webchat', 'directline', 'emulator', 'msteams']) expect(capabilities(id).cards, id).to.equal(true);
    for (const id of ['slack', 'sms', 'telegram', 'test', '', undefined]) expect(capabilities(id).cards, String(id)).to.equal(false);
  });

  it('Markdown becomes Slack mrkdwn or plain text, and adapting twice changes nothing', () => {
    const md = '**Possible emergency**\n- first\n- second **now**';
    expect(adaptText('msteams', md)).to.equal(md);
    expect(adaptText('slack', md)).to.equal('*Possible emergency*\n• first\n• second *now*');
    expect(adaptText('sms', md)).to.equal('Possible emergency\n- first\n- second now');
    for (const id of ['slack', 'sms', 'emulator']) expect(adaptText(id, adaptText(id, md)), id).to.equal(adaptText(id, md));
  });

  it('a question offers its choices the way each channel can show them', () => {
    expect(questionActivity('emulator', 'Q?', CHOICES).suggestedActions?.actions.map((a) => a.value)).to.deep.equal(['yes', 'no']);
    const teams = questionActivity('msteams', 'Q?', CHOICES).attachments![0]!;
    expect(teams.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect((teams.content as { actions: { data: unknown }[] }).actions.map((a) => a.data)).to.deep.equal([{ text: 'yes' }, { text: 'no' }]);
    expect(questionActivity('slack', '**Q?**', CHOICES)).to.deep.include({ text: '*Q?*' });
    expect(questionActivity('slack', 'Q?', CHOICES).attachments![0]!.contentType).to.equal('application/vnd.microsoft.card.hero');
    expect(questionActivity('sms', 'Q?', CHOICES)).to.deep.include({ text: 'Q?\n\n1. Yes\n2. No' });
  });
});

describe('render: the assessment says content\'s words only', () => {
  const knowledge = loadKnowledge();
  const clinic = { emergencyNumber: '911', clinicName: 'The Clinic', clinicPhone: '555 0100' };
  /** Every text of a group replaced by its path, keeping its placeholders: "[summary.ptFor {duration}]". */
  const marked = (value: unknown, path: string): unknown => typeof value === 'string'
    ? `[${path}${(value.match(/\{\w+\}/g) ?? []).map((p) => ` ${p}`).join('')}]`
    : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, marked(v, `${path}.${k}`)]));
  const m = knowledge.messages;
  const messages = {
    ...m,
    summaryTitle: marked(m.summaryTitle, 'summaryTitle'),
    assessmentText: marked(m.assessmentText, 'assessmentText'),
    summary: marked(m.summary, 'summary'),
    sources: marked(m.sources, 'sources'),
  } as Messages;
  const answers: Answers = { ...emptyAnswers(), findings: { fever: 'uncertain', radiating: 'present' }, ptWeeks: 10, adherence: 'partial', progress: 'same' };
  const assessment = assess(answers, knowledge);
  const ENGLISH = ['What this is based on', 'Likely reasons', 'Next steps to discuss', 'you were not sure', 'What to do', 'Why this level',
    'Start again', 'Second Look summary', 'Reported', 'Findings:', 'source:', ' article 0', 'red-flag screening', 'Urgency:', '(urgency', '(unsure)',
    'about 2 months', 'some of the time', 'no real change'];

  for (const channel of ['msteams', 'slack', 'sms']) {
    it(`on ${channel}`, () => {
      const out = JSON.stringify(assessmentActivity(channel, assessment, answers, messages, clinic));
      for (const words of ENGLISH) expect(out, words).not.to.contain(words);
      for (const key of ['assessmentText.basedOn', 'assessmentText.youWereNotSure', 'assessmentText.reasons', 'assessmentText.whatToDo',
        'assessmentText.openingUrgency', 'summaryTitle', 'summary.reported', 'summary.months', 'summary.adherence.partial',
        'summary.progressLevels.same', 'summary.unsure', 'summary.urgency', 'sources.cite', 'sources.article'])
        expect(out, key).to.contain(`[${key}`);
    });
  }

  it('and "why?" too', () => {
    const why = whyText(assess(emptyAnswers(), knowledge), messages, clinic);
    expect(why).to.contain('[assessmentText.noWarningSigns').and.not.to.contain('no warning signs');
  });
});
