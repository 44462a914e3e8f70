import { expect } from 'chai';
import { chat, texts, triageOf } from './support.js';

describe('interruptions in every dialog', () => {
  it('answers help, then asks the pending question again', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say('help');
    expect(texts(replies)).to.match(/restart/i);
    expect(texts(replies)).to.match(/how long have you been doing physical therapy/i);
  });

  it('explains a term mid-question and asks the question again', async () => {
    const c = chat();
    await c.start();
    await c.say('3 weeks');
    const replies = await c.say('what is an MRI?');
    expect(texts(replies)).to.match(/^MRI: /m); // the 'test' channel gets plain text (src/render/channel.ts)
    expect(texts(replies)).to.match(/how often/i);
  });

  it('gives the clinic contact', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say('how do I contact the clinic?');
    expect(texts(replies)).to.contain('555-0100');
  });

  it('restarts with empty answers once the person confirms', async () => {
    const c = chat();
    await c.start();
    await c.say('3 weeks');
    const asked = await c.say('restart');
    expect(texts(asked)).to.match(/start again from the beginning\?/i);
    expect(texts(asked)).to.not.match(/how long have you been doing physical therapy/i);
    const replies = await c.say('yes');
    expect(texts(replies)).to.match(/start again/i);
    expect(texts(replies)).to.match(/how long have you been doing physical therapy/i);
  });

  it('catches an emergency typed while the red-flag questions are under way', async () => {
    const c = chat();
    await c.say('8 weeks of PT, every day, no change');
    await c.say('no');
    const replies = await c.say('my leg keeps giving way and it is getting weaker every day');
    expect(triageOf(replies)?.urgency).to.equal('emergency');
  });

  it('answers "why?" after the assessment and re-assesses when an emergency comes up later', async () => {
    const c = chat();
    await c.say('8 weeks of PT, every day, no change');
    let triage;
    for (let i = 0; i < 15 && !triage; i += 1) triage = triageOf(await c.say('no'));
    expect(triage?.urgency).to.equal('soon');
    const why = await c.say('why?');
    expect(texts(why)).to.match(/led to this advice/i);
    const later = await c.say('actually I have lost control of my bladder since this morning');
    expect(triageOf(later)?.urgency).to.equal('emergency');
  });
});

describe('privacy requests win over look-alike answers', () => {
  it('"forget me" at the adherence question deletes the conversation, not counted as low adherence', async () => {
    const c = chat();
    await c.start();
    await c.say('8 weeks');
    const asked = await c.say('forget me');
    expect(texts(asked)).to.match(/delete everything/i);
    const replies = await c.say('yes');
    expect(texts(replies)).to.match(/deleted everything/i);
    const after = await c.say('hello');
    expect(texts(after)).to.match(/how long have you been doing physical therapy/i); // a fresh start: nothing kept
  });
});
