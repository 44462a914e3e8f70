// The same patients in every channel, over HTTP, from the first message to the assessment: each channel gets
// its own rendering (Adaptive Cards, Slack mrkdwn with buttons, numbered plain text) and the same urgency.
import { expect } from 'chai';
import type { Topic } from '../../scripts/lib/patient.js';
import { postActivity, startTestServer, type Activity, type TestServer } from '../support/server.js';
import { ADAPTIVE, attachmentsOf, buttonsOf, HERO, play, triageOf, type Played } from './drive.js';
import { directLine, emulator, slack, sms, teamsChannel, teamsPersonal, type ChannelShape } from './shapes.js';

interface Patient { name: string; expect: 'emergency' | 'urgent'; findings: string[]; opening: string; answers: Partial<Record<Topic, string>> }

// Written for this suite; the simulated patient answers "no", "nope" or "not really" to everything else.
const PATIENTS: Patient[] = [
  {
    name: 'fever while in PT (urgent)', expect: 'urgent', findings: ['fever'],
    opening: 'hi, my physio is not really helping my back',
    answers: { pt_duration: 'about six weeks', adherence: 'most days', progress: 'about the same', fever: 'yes, I have had a fever and chills for a few days' },
  },
  {
    name: 'bladder trouble mid-conversation (emergency)', expect: 'emergency', findings: ['bladder_bowel'],
    opening: 'hello, PT is not working for my lower back',
    answers: { pt_duration: 'two months', adherence: 'every day', progress: 'a bit worse', bladder_bowel: "yes, since yesterday I can't control my bladder" },
  },
];

const CHANNELS: (() => ChannelShape)[] = [emulator, directLine, teamsPersonal, teamsChannel, slack, sms];

const withChoices = (p: Played) => p.questions.filter((q) => buttonsOf(q).length > 0);
const allTexts = (p: Played) => p.replies.map((r) => r.text ?? '');

/** What each channel must look like, checked on a whole conversation. */
const RENDERING: Record<string, (p: Played, patient: Patient) => void> = {
  web(p) {
    expect(withChoices(p), 'questions with choices').to.not.be.empty;
    for (const q of withChoices(p)) expect(buttonsOf(q).every((b) => b.kind === 'suggestedAction'), q.text).to.equal(true);
    expectAssessmentCard(p.assessment!);
    expect(p.assessment!.text).to.match(/^\*\*.+\*\* \(urgency: /);
  },
  teams(p) {
    expect(withChoices(p)).to.not.be.empty;
    for (const q of withChoices(p)) {
      expect(q.suggestedActions, 'Teams questions use card buttons').to.equal(undefined);
      const card = attachmentsOf(q).find((a) => a.contentType === ADAPTIVE)!;
      expect(card.content.version).to.equal('1.5');
      for (const action of card.content.actions ?? []) expect(action.data).to.be.an('object').with.property('text').that.is.a('string');
    }
    expect(p.presses, 'answers given by pressing card buttons').to.be.greaterThan(0);
    expectAssessmentCard(p.assessment!);
  },
  slack(p, patient) {
    expect(withChoices(p), 'questions with choices').to.not.be.empty;
    expect(p.replies.flatMap(attachmentsOf).filter((a) => a.contentType === ADAPTIVE), 'Slack shows no Adaptive Cards').to.be.empty;
    for (const text of allTexts(p)) expect(text, 'Slack bold is *one* asterisk').to.not.include('**');
    for (const q of withChoices(p)) expect(buttonsOf(q).every((b) => b.kind === 'heroCard'), q.text).to.equal(true);
    expect(p.presses).to.be.greaterThan(0);
    const text = p.assessment!.text!;
    const marker = patient.expect === 'emergency' ? ':rotating_light:' : ':warning:';
    expect(text.startsWith(`${marker} *`), 'the urgent or emergency level leads, marked and bold').to.equal(true);
    expect(attachmentsOf(p.assessment!).filter((a) => a.contentType === HERO)).to.have.length(1);
    if (patient.expect === 'emergency') {
      // The emergency hides nothing: every part in the one message, the summary a quote block.
      expect(text).to.match(/^\*What this is based on\*$/m).and.match(/^• /m).and.match(/^> Urgency: /m);
    } else {
      // Short first: the level, the action and up to three reasons; the details are a button away.
      expect(text).to.match(/^• /m).and.not.match(/What this is based on/).and.not.match(/^> Urgency: /m);
      expect(text.length, 'the short assessment').to.be.at.most(700);
      expect(buttonsOf(p.assessment!).map((b) => b.value)).to.deep.equal(['why', 'next steps', 'my summary', 'restart']);
    }
  },
  plain(p) {
    expect(withChoices(p), 'questions with choices').to.not.be.empty;
    for (const r of p.replies) {
      expect(r.attachments ?? [], 'no cards').to.be.empty;
      expect(r.suggestedActions, 'no suggested actions').to.equal(undefined);
      expect(r.text ?? '').to.not.include('**');
    }
    for (const q of withChoices(p)) expect(buttonsOf(q).every((b) => b.kind === 'numbered'), q.text).to.equal(true);
    expect(p.presses, 'answers given by typing a number').to.be.greaterThan(0);
    expect(p.assessment!.text).to.match(/\(urgency: .+\)/);
  },
};

const KIND: Record<string, keyof typeof RENDERING> = {
  'Emulator': 'web', 'Direct Line (Web Chat)': 'web', 'Teams personal': 'teams', 'Teams channel (@mention)': 'teams', 'Slack': 'slack', 'SMS (any other channel)': 'plain',
};

function expectAssessmentCard(a: Activity): void {
  const card = attachmentsOf(a).find((x) => x.contentType === ADAPTIVE);
  expect(card, 'the assessment card').to.not.equal(undefined);
  expect(card!.content.version).to.equal('1.5');
  expect(JSON.stringify(card!.content.body)).to.include('"style":"attention"');
  expect(card!.content.actions!.map((x) => x.data)).to.deep.equal([{ text: 'why' }, { text: 'restart' }]);
}

describe('channels: one conversation, rendered for each channel', function () {
  this.timeout(60_000);
  let app: TestServer;
  before(async () => { app = await startTestServer(); });
  after(async () => { await app?.close(); });

  for (const patient of PATIENTS) {
    describe(patient.name, () => {
      const played = new Map<string, Played>();
      before(async () => {
        for (const make of CHANNELS) {
          const shape = make();
          played.set(shape.name, await play(app.url, shape, patient.answers, patient.opening));
        }
      });

      for (const name of Object.keys(KIND)) {
        it(`${name}: reaches the assessment, rendered for the channel`, () => {
          const p = played.get(name)!;
          expect(p.triage, p.transcript.join('\n')).to.not.equal(undefined);
          expect(p.triage!.urgency).to.equal(patient.expect);
          RENDERING[KIND[name]!]!(p, patient);
        });
      }

      it('the same urgency and findings in every channel', () => {
        const reference = played.get('Emulator')!.triage!;
        expect(reference.findings.map((f) => f.id)).to.include.members(patient.findings);
        for (const [name, p] of played) {
          expect(p.triage?.urgency, name).to.equal(patient.expect);
          expect(p.triage?.findings, name).to.deep.equal(reference.findings);
        }
      });
    });
  }

  describe('Teams', () => {
    it('installing the app in personal scope (the bot is the member added) greets the person', async () => {
      const replies = await postActivity(app.url, teamsPersonal().start()!);
      expect(replies.map((r) => r.text).join('\n')).to.match(/Second Look/).and.match(/not a doctor/i).and.match(/how long have you been doing physical therapy/i);
    });

    it('in a channel, a message without an @mention gets no reply and does not move the conversation on', async () => {
      const shape = teamsChannel();
      const first = await postActivity(app.url, shape.message('hi, PT is not helping my back'));
      expect(first.map((r) => r.text).join('\n')).to.match(/how long have you been doing physical therapy/i);
      expect(await postActivity(app.url, shape.unaddressed('about six weeks'))).to.deep.equal([]);
      expect(await postActivity(app.url, shape.unaddressed('lunch at noon, anyone?'))).to.deep.equal([]);
      // The pending question is still the first one: an addressed answer now answers it.
      const next = await postActivity(app.url, shape.message('about six weeks'));
      expect(next.map((r) => r.text).join('\n')).to.match(/how often/i);
    });

    it('in a channel, people joining are not greeted', async () => {
      const shape = teamsChannel();
      const join = { ...shape.unaddressed(''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '29:1newperson' }] };
      expect(await postActivity(app.url, join)).to.deep.equal([]);
    });

    it('"Why this level?" pressed on the assessment card is answered', async () => {
      const shape = teamsPersonal();
      const p = await play(app.url, shape, PATIENTS[0]!.answers, PATIENTS[0]!.opening);
      expect(p.triage?.urgency).to.equal('urgent');
      const why = await postActivity(app.url, shape.press('why'));
      expect(why.map((r) => r.text).join('\n')).to.match(/what led to this advice/i).and.match(/\*\*See a doctor today\*\*/);
    });
  });

  describe('Slack', () => {
    it('"why?" reads as Slack mrkdwn: single-asterisk bold and no Markdown markers', async () => {
      const shape = slack();
      const p = await play(app.url, shape, PATIENTS[0]!.answers, PATIENTS[0]!.opening);
      expect(triageOf(p.replies)?.urgency).to.equal('urgent');
      const text = (await postActivity(app.url, shape.press('why'))).map((r) => r.text).join('\n');
      expect(text).to.match(/\*See a doctor today\*/).and.not.include('**');
      expect(text).to.match(/^• /m).and.not.match(/^- /m);
    });

    it('"Next steps" and "My summary" pressed on the short assessment give those details; the summary is a quote block', async () => {
      const shape = slack();
      const p = await play(app.url, shape, PATIENTS[0]!.answers, PATIENTS[0]!.opening);
      expect(triageOf(p.replies)?.urgency).to.equal('urgent');
      const steps = await postActivity(app.url, shape.press('next steps'));
      const stepsText = steps.map((r) => r.text).join('\n');
      expect(stepsText).to.match(/^\*Next steps to discuss with a clinician\*$/m).and.match(/^• /m).and.not.include('**');
      expect(stepsText.match(/^Sources: /gm), 'sources named once, for the section').to.have.length(1);
      expect(steps.every((r) => !r.channelData), 'only the assessment carries channelData.triage').to.equal(true);
      const summary = (await postActivity(app.url, shape.press('my summary'))).map((r) => r.text).join('\n');
      expect(summary).to.match(/^\*Your Second Look summary\*$/m).and.match(/^> Urgency: urgent\. /m).and.match(/^> Reported: /m);
      // Typed as well as pressed.
      expect((await postActivity(app.url, shape.message('My summary, please'))).map((r) => r.text).join('\n')).to.equal(summary);
    });

    it('help reads as Slack text (bullets, no Markdown)', async () => {
      const shape = slack();
      await postActivity(app.url, shape.message('hi'));
      const text = (await postActivity(app.url, shape.message('help'))).map((r) => r.text).join('\n');
      expect(text).to.match(/^• "restart"/m).and.not.include('**');
    });
  });
});
