// Conversation behaviours of issue 10: the safety net, questions back, confirmed restarts, corrections.
import { expect } from 'chai';
import { answerUntil, chat, texts, toAssessment, triageOf } from './support.js';

describe('the safety net: a suggested emergency sign gets its direct question at once', () => {
  it('asks the bladder question first when a message only wonders about it, and a yes is the emergency', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    const asked = await c.say('what if I lose control of my bladder?');
    expect(triageOf(asked)).to.equal(undefined);
    expect(texts(asked)).to.match(/before we go on/i);
    expect(texts(asked)).to.match(/bladder or bowels/i);
    const yes = await c.say('yes');
    expect(triageOf(yes)?.urgency).to.equal('emergency');
  });

  it('goes back to the interrupted question after a no', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    await c.say('what if I lose control of my bladder?');
    const back = await c.say('no');
    expect(triageOf(back)).to.equal(undefined);
    expect(texts(back)).to.match(/how often/i);
  });
});

describe('questions back and why-asking', () => {
  it('explains why a red-flag question matters, records nothing, and asks it again', async () => {
    const c = chat();
    await c.say('8 weeks of PT, every day, no change');
    await answerUntil(c, /bladder or bowels/i);
    const why = await c.say('why do you ask?');
    expect(texts(why)).to.match(/I ask because/);
    expect(texts(why)).to.match(/cauda equina/i);
    expect(texts(why)).to.match(/bladder or bowels/i);
    const back = await c.say('is that a bad sign?');
    expect(triageOf(back)).to.equal(undefined);
    const t = await toAssessment(c);
    expect(t?.findings.map((f) => f.id)).to.not.include('bladder_bowel');
  });
});

describe('commands that lose data need an explicit phrase and a confirmation', () => {
  for (const text of ['nothing new', "I've just started", 'start of this month']) {
    it(`"${text}" is not a restart`, async () => {
      const c = chat();
      await c.start();
      const replies = await c.say(text);
      expect(texts(replies)).to.not.match(/start again from the beginning/i);
    });
  }

  it('"no" to the confirmation carries on with the pending question', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    await c.say('start over');
    const replies = await c.say('no');
    expect(texts(replies)).to.match(/nothing has been cleared/i);
    expect(texts(replies)).to.match(/how often/i);
  });

  it('"I want to change my answer" explains how, and deletes nothing', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    const replies = await c.say('I want to change my answer');
    expect(texts(replies)).to.match(/actually I did fall last week/i);
    expect(texts(replies)).to.match(/how often/i);
  });
});

describe('corrections', () => {
  it('"actually I did fall last week" after the assessment updates it and says so', async () => {
    const c = chat();
    await c.say('8 weeks of PT, every day, no change');
    const first = await toAssessment(c);
    expect(first?.urgency).to.equal('soon');
    const later = await c.say('actually I did fall down the stairs last week and my back is much worse since');
    expect(texts(later)).to.match(/changes my assessment/i);
    expect(triageOf(later)?.urgency).to.equal('emergency');
  });

  it('a correcting "no" replaces an earlier yes', async () => {
    const c = chat();
    await c.say('8 weeks of PT, exercises every day, no change, and I have had night sweats');
    const first = await toAssessment(c);
    expect(first?.urgency).to.equal('urgent');
    const later = await c.say("sorry, I made a mistake: actually I haven't had any night sweats");
    expect(texts(later)).to.match(/changes my assessment/i);
    expect(triageOf(later)?.urgency).to.equal('soon');
  });
});
