// The capability table and text adaptation of src/render, without a server.
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Messages } from '../../src/knowledge/schemas.js';
import { assessmentActivity, nextStepsText, summaryReplyText, whyText } from '../../src/render/assessment.js';
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
  const emergencyAnswers: Answers = { ...answers, findings: { ...answers.findings, bladder_bowel: 'present' } };
  const emergency = assess(emergencyAnswers, knowledge);
  const ENGLISH = ['What this is based on', 'Likely reasons', 'Next steps to discuss', 'you were not sure', 'What to do', 'Why this level',
    'Start again', 'Second Look summary', 'Reported', 'Findings:', 'source:', 'Sources:', ' article 0', 'red-flag screening', 'Urgency:', '(urgency', '(unsure)',
    'about 2 months', 'some of the time', 'no real change', 'Mainly because', 'My summary', 'Back pain not responding', 'what to do next'];

  for (const channel of ['msteams', 'directline', 'slack', 'sms']) {
    it(`on ${channel}: the assessment, and the details asked for after it`, () => {
      const out = JSON.stringify([
        assessmentActivity(channel, assessment, answers, messages, clinic), whyText(assessment, messages, clinic), nextStepsText(assessment, messages),
        summaryReplyText(channel, assessment, answers, messages, clinic), assessmentActivity(channel, emergency, emergencyAnswers, messages, clinic),
      ]);
      for (const words of ENGLISH) expect(out, words).not.to.contain(words);
      for (const key of ['assessmentText.basedOn', 'assessmentText.youWereNotSure', 'assessmentText.reasons', 'assessmentText.whatToDo',
        'assessmentText.openingUrgency', 'assessmentText.mainReasons', 'assessmentText.nextSteps', 'summaryTitle', 'summary.reported', 'summary.months',
        'summary.adherence.partial', 'summary.progressLevels.same', 'summary.unsure', 'summary.urgency', 'sources.section', 'sources.titles.'])
        expect(out, key).to.contain(`[${key}`);
      const cardKeys = ['assessmentText.urgencyLine'];
      const textKeys = ['assessmentText.nextStepsButton', 'assessmentText.summaryButton'];
      for (const key of channel === 'sms' ? [] : channel === 'slack' ? textKeys : cardKeys) expect(out, key).to.contain(`[${key}`);
      if (channel === 'directline') for (const key of ['saveSummary', 'copySummary', 'summaryCopied', 'summaryFileName']) expect(out, key).to.contain(`[assessmentText.${key}`);
    });
  }

  it('and "why?" too', () => {
    const why = whyText(assess(emptyAnswers(), knowledge), messages, clinic);
    expect(why).to.contain('[assessmentText.noWarningSigns').and.not.to.contain('no warning signs');
  });
});

// --- The assessment, short first (issue 14) ---

interface CardElement { type: string; id?: string; isVisible?: boolean; text?: string; items?: CardElement[]; actions?: CardAction[] }
interface CardAction { type: string; title: string; targetElements?: string[]; data?: Record<string, string> }
interface Card { body: CardElement[]; actions: CardAction[] }

/** Every element of the card, with whether it shows before anything is pressed. */
function elements(card: Card): { el: CardElement; shown: boolean; container?: string }[] {
  const out: { el: CardElement; shown: boolean; container?: string }[] = [];
  const walk = (els: CardElement[], shown: boolean, container?: string): void => {
    for (const el of els) {
      const visible = shown && el.isVisible !== false;
      out.push({ el, shown: visible, ...(container ? { container } : {}) });
      if (el.items) walk(el.items, visible, el.id ?? container);
    }
  };
  walk(card.body, true);
  return out;
}

/** What the card shows before anything is pressed: its texts and its buttons' titles, one a line. */
function shownText(card: Card): string {
  const shown = elements(card).filter((e) => e.shown);
  return [...shown.flatMap((e) => [e.el.text ?? '', ...(e.el.actions ?? []).map((a) => a.title)]), ...card.actions.map((a) => a.title)].filter(Boolean).join('\n');
}

describe('render: the assessment, short first', () => {
  const knowledge = loadKnowledge();
  const m = knowledge.messages;
  const clinic = { emergencyNumber: '911', clinicName: 'The Clinic', clinicPhone: '555 0100' };
  // A "soon" case with a nerve sign and missed exercises: many reasons and next steps to tell.
  const soonAnswers: Answers = { ...emptyAnswers(), findings: { radiating: 'present', numbness_tingling: 'present', low_adherence: 'present' }, ptWeeks: 10, adherence: 'partial', progress: 'same' };
  const soon = assess(soonAnswers, knowledge);
  const emergencyAnswers: Answers = { ...soonAnswers, findings: { ...soonAnswers.findings, bladder_bowel: 'present' } };
  const emergency = assess(emergencyAnswers, knowledge);
  const titles = Object.values(m.sources.titles);
  const FILE_NAME = /\d{3}_[0-9a-f]{16}\.txt|TRIAGE\.md/;
  const cardOf = (channel: string, a = soon, answers = soonAnswers) =>
    assessmentActivity(channel, a, answers, m, clinic).attachments![0]!.content as Card;

  it('is a "soon" case with findings, reasons and next steps', () => {
    expect(soon.urgency).to.equal('soon');
    expect(soon.findings.length).to.be.greaterThan(1);
    expect(soon.reasons.length).to.be.greaterThan(0);
    expect(soon.nextSteps.length).to.be.greaterThan(2);
  });

  it('on Slack: the level, the action and at most three short reasons, in about 600 characters, with buttons for the rest', () => {
    const activity = assessmentActivity('slack', soon, soonAnswers, m, clinic);
    const text = activity.text!;
    console.log(`      first message on Slack, "soon" (${text.length} characters):\n${text.replace(/^/gm, '        | ')}`);
    expect(text.length).to.be.at.most(700);
    expect(text.startsWith(`*${m.urgency.soon.headline}*`)).to.equal(true);
    expect(text).to.contain(m.urgency.soon.label).and.contain(m.urgency.soon.action.replace(/\s+/g, ' '));
    expect(text.match(/^• /gm)).to.have.length.within(1, 3);
    expect(text).not.to.contain(m.assessmentText.basedOn).and.not.to.contain(m.summaryTitle).and.not.to.match(/source/i);
    const buttons = (activity.attachments![0]!.content as { buttons: { title: string; value: string }[] }).buttons;
    expect(buttons.map((b) => b.title)).to.deep.equal([m.assessmentText.whyButton, m.assessmentText.nextStepsButton, m.assessmentText.summaryButton, m.assessmentText.restartButton]);
    expect(buttons.map((b) => b.value)).to.deep.equal(['why', 'next steps', 'my summary', 'restart']);
    // Every button's value is a phrase the interview takes after the assessment.
    expect(knowledge.lexicon.intents.commands.nextSteps).to.include('next steps');
    expect(knowledge.lexicon.intents.commands.summary).to.include('my summary');
  });

  it('on plain text: the same short message, and how to ask for the rest', () => {
    const text = assessmentActivity('sms', soon, soonAnswers, m, clinic).text!;
    expect(text.match(/^- /gm)).to.have.length.within(1, 3);
    expect(text).to.contain('"next steps"').and.contain('"my summary"').and.contain('"why?"');
    expect(text.length - m.afterAssessment.length).to.be.at.most(700);
  });

  it('on Web Chat: the card shows the level, the action and three reasons; each part of the details is behind a toggle', () => {
    const activity = assessmentActivity('webchat', soon, soonAnswers, m, clinic);
    const card = activity.attachments![0]!.content as Card;
    const shown = shownText(card);
    console.log(`      first message on Web Chat, "soon" (text ${activity.text!.length} characters; the card shows ${shown.length} before anything is pressed):\n${`${activity.text}\n---\n${shown}`.replace(/^/gm, '        | ')}`);
    expect(shown.length + activity.text!.length).to.be.at.most(900);
    expect(shown).to.contain(m.urgency.soon.action.replace(/\s+/g, ' ').trim()).and.contain(m.assessmentText.mainReasons);
    expect(shown.match(/^• /gm)).to.have.length.within(1, 3);
    const all = elements(card);
    const hidden = all.filter((e) => e.el.type === 'Container' && e.el.isVisible === false).map((e) => e.el.id);
    expect(hidden).to.deep.equal(['section-basedOn', 'section-reasons', 'section-nextSteps', 'section-summary']);
    const toggles = all.flatMap((e) => e.el.actions ?? []).filter((a) => a.type === 'Action.ToggleVisibility');
    expect(toggles.map((t) => t.targetElements)).to.deep.equal(hidden.map((id) => [id]));
    expect(toggles.map((t) => t.title)).to.deep.equal([m.assessmentText.basedOn, m.assessmentText.reasons, m.assessmentText.nextSteps, m.summaryTitle]);
    // Every finding's why, every reason, the next steps and the summary are in the card, behind the toggles.
    const inside = (id: string) => all.filter((e) => e.container === id).map((e) => e.el.text ?? '').join('\n');
    for (const f of soon.findings) expect(inside('section-basedOn')).to.contain(f.finding.why);
    for (const r of soon.reasons) expect(inside('section-reasons')).to.contain(r.whatToDo);
    expect(inside('section-nextSteps')).to.contain(soon.nextSteps[0]!.explanation);
    expect(inside('section-summary')).to.contain('Urgency: soon.');
    expect(card.actions.map((a) => a.data)).to.deep.equal([{ text: 'why' }, { text: 'restart' }]);
  });

  it('names sources by title, once per section, never by file name; channelData.triage.sources keeps the file names', () => {
    for (const channel of ['webchat', 'msteams']) {
      const activity = assessmentActivity(channel, soon, soonAnswers, m, clinic);
      const card = activity.attachments![0]!.content as Card;
      const texts = elements(card).map((e) => e.el.text ?? '');
      expect(texts.join('\n')).not.to.match(FILE_NAME).and.not.to.contain('(source:').and.not.to.match(/article \d/);
      for (const id of ['section-basedOn', 'section-reasons', 'section-nextSteps']) {
        const lines = elements(card).filter((e) => e.container === id).map((e) => e.el.text ?? '');
        const cited = lines.filter((l) => l.startsWith('Sources: '));
        expect(cited, `${channel} ${id}`).to.have.length(1);
        expect(lines.indexOf(cited[0]!), 'after the items').to.equal(lines.length - 1);
        for (const t of cited[0]!.slice('Sources: '.length).split('; ')) expect(titles, t).to.include(t);
      }
      const triage = (activity.channelData as { triage: { sources: string[] } }).triage;
      expect(triage.sources).to.deep.equal(soon.sources);
      for (const s of triage.sources) expect(s).to.match(FILE_NAME);
    }
    for (const text of [whyText(soon, m, clinic), nextStepsText(soon, m)]) {
      expect(text).not.to.match(FILE_NAME).and.not.to.contain('(source:');
      // One "Sources:" line after each list of items, none inside a list.
      const lists = (text.match(/(^- .*\n?)+/gm) ?? []).length;
      expect(lists).to.be.greaterThan(0);
      expect((text.match(/^Sources: /gm) ?? []).length, text).to.equal(lists);
      expect(text).not.to.match(/^- .*Sources: /m);
    }
  });

  it('offers "Save summary" and "Copy" on the clinic page only, with the summary the card shows', () => {
    for (const channel of ['webchat', 'directline']) {
      const card = cardOf(channel);
      const summaryBlock = elements(card).find((e) => e.container === 'section-summary' && e.el.type === 'TextBlock')!.el.text!;
      const buttons = elements(card).flatMap((e) => e.el.actions ?? []).filter((a) => a.type === 'Action.Submit');
      expect(buttons.map((b) => b.title)).to.deep.equal([m.assessmentText.saveSummary, m.assessmentText.copySummary]);
      for (const b of buttons) {
        expect(b.data!.fileName).to.equal(m.assessmentText.summaryFileName);
        expect(b.data!.summary).to.equal(`${m.summaryTitle}\n\n${summaryBlock.split('\n\n').join('\n')}\n`);
      }
      expect(buttons.map((b) => b.data!.summaryAction)).to.deep.equal(['save', 'copy']);
    }
    for (const channel of ['msteams', 'emulator']) {
      const buttons = elements(cardOf(channel)).flatMap((e) => e.el.actions ?? []).filter((a) => a.type === 'Action.Submit');
      expect(buttons, channel).to.be.empty;
    }
  });

  it('on Teams and Slack the summary is a block that copies cleanly', () => {
    const teams = elements(cardOf('msteams')).filter((e) => e.container === 'section-summary' && e.el.type === 'TextBlock');
    expect(teams).to.have.length(1);
    expect(teams[0]!.el.text).not.to.match(/[*_`•]/);
    const slackSummary = adaptText('slack', summaryReplyText('slack', soon, soonAnswers, m, clinic));
    const [title, ...lines] = slackSummary.split('\n');
    expect(title).to.equal(`*${m.summaryTitle}*`);
    expect(lines.length).to.be.greaterThan(1);
    for (const l of lines) expect(l).to.match(/^> [^*_`]+$/);
  });

  it('the emergency stays direct: its action first and nothing hidden, on every channel', () => {
    const action = m.urgency.emergency.action.replace('{emergencyNumber}', '911').replace(/\s+/g, ' ').trim();
    const card = cardOf('webchat', emergency, emergencyAnswers);
    expect(elements(card).filter((e) => !e.shown), 'nothing hidden').to.be.empty;
    expect(elements(card).flatMap((e) => e.el.actions ?? []).filter((a) => a.type === 'Action.ToggleVisibility')).to.be.empty;
    expect(shownText(card).split('\n').slice(0, 3).join(' ')).to.contain(action);
    expect(shownText(card)).to.contain(emergency.findings[0]!.finding.why);
    for (const channel of ['slack', 'sms']) {
      const text = assessmentActivity(channel, emergency, emergencyAnswers, m, clinic).text!;
      expect(text.split('\n\n')[1]!.replace(/\*/g, '')).to.equal(action);
      expect(text).to.contain(emergency.findings[0]!.finding.why).and.contain(m.summaryTitle);
      expect(text.match(/^Sources: /gm)).to.have.length(1);
    }
    expect(assessmentActivity('slack', emergency, emergencyAnswers, m, clinic).text!.startsWith(':rotating_light: *')).to.equal(true);
  });
});
