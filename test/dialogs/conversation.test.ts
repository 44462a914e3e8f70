import { expect } from 'chai';
import { answerUntil, chat, texts, toAssessment, triageOf } from './support.js';

describe('a whole conversation through the dialogs', () => {
  it('greets with the disclaimer and asks about PT first', async () => {
    const c = chat();
    const replies = await c.start();
    const all = texts(replies);
    expect(all).to.match(/Second Look/);
    expect(all).to.match(/not medical advice/i);
    expect(all).to.match(/how long have you been doing physical therapy/i);
  });

  it('reaches a routine assessment with channelData for a patient with no red flags', async () => {
    const c = chat();
    await c.start();
    const answers = ['10 weeks', 'maybe once a week', 'about the same', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'none of those'];
    let triage;
    let asked = 0;
    for (const a of answers) {
      const replies = await c.say(a);
      asked += 1;
      triage = triageOf(replies);
      if (triage) break;
    }
    expect(triage, 'an assessment').to.exist;
    expect(triage!.urgency).to.equal('routine');
    expect(triage!.findings.map((f) => f.id)).to.include('low_adherence');
    expect(triage!.reasons).to.include('low_adherence');
    expect(asked).to.be.at.most(12);
  });

  it('does not ask again what the opening already said', async () => {
    const c = chat();
    const replies = await c.say("I've done PT for 2 months and I skip the home exercises");
    const all = texts(replies);
    expect(all).to.match(/better, about the same, or worse/i);
    expect(all).not.to.match(/how long have you been doing/i);
    expect(all).not.to.match(/how often/i);
  });

  it('gives the emergency assessment in the same turn when an emergency is typed mid-adherence', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    const replies = await c.say("I've wet myself twice this week without feeling it coming");
    const triage = triageOf(replies);
    expect(triage?.urgency).to.equal('emergency');
    expect(triage?.findings.map((f) => f.id)).to.include('bladder_bowel');
    expect(texts(replies)).to.contain('112');
  });

  it('a "yes" to an emergency question gets the emergency assessment at once', async () => {
    const c = chat();
    await c.say('6 weeks of physio, I do them every day, no better');
    const replies = await answerUntil(c, /bladder or bowels/i);
    expect(texts(replies)).to.match(/bladder or bowels/i);
    const final = await c.say('yes');
    expect(triageOf(final)?.urgency).to.equal('emergency');
  });

  it('re-asks once after "not sure" on an emergency question, then records it as uncertain (at least urgent)', async () => {
    const c = chat();
    await c.say('7 weeks of PT, I do the exercises daily, a bit better');
    await answerUntil(c, /bladder or bowels/i);
    const reask = await c.say('not sure');
    expect(triageOf(reask)).to.equal(undefined);
    expect(texts(reask)).to.match(/peeing|bowels/i);
    const triage = triageOf(await c.say("I honestly don't know")) ?? await toAssessment(c);
    expect(triage?.urgency).to.equal('urgent');
    expect(triage?.findings).to.deep.include({ id: 'bladder_bowel', status: 'uncertain', urgency: 'emergency' });
  });
});
