import { expect } from 'chai';
import { chat, texts, triageOf } from './support.js';

describe('odd input keeps the conversation going', () => {
  it('answers an empty message and asks the question again', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say({ type: 'message', text: '' });
    expect(texts(replies)).to.match(/didn't get any text/i);
    expect(texts(replies)).to.match(/how long/i);
  });

  it('answers an attachment without text', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] });
    expect(texts(replies)).to.match(/only read text/i);
  });

  it('takes a card submit value as the answer', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say({ type: 'message', value: { text: '8 weeks' } });
    expect(texts(replies)).to.match(/how often/i);
  });

  it('says it did not understand emoji, with examples, and keeps the question', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say('🙂🙂🙂');
    expect(texts(replies)).to.match(/didn't quite get that/i);
    expect(texts(replies)).to.match(/weeks or months/i);
  });

  it('understands a typed number for a numbered choice on a plain-text channel', async () => {
    const c = chat();
    await c.say('8 weeks of PT');
    const replies = await c.say('1'); // "Every day or nearly"
    expect(texts(replies)).to.match(/better, about the same, or worse/i);
  });
});

describe('messages in another language', () => {
  it('says the bot works in English for now, with the clinic phone, and keeps the question', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say('Hola, tengo mucho dolor de espalda desde hace semanas');
    expect(texts(replies)).to.match(/only chat in English/i).and.to.contain('555-0100');
    expect(texts(replies)).to.match(/how long have you been doing physical therapy/i);
  });

  it('still catches an emergency whose words are recognisable', async () => {
    const c = chat();
    await c.start();
    const replies = await c.say('tengo incontinencia desde ayer');
    expect(triageOf(replies)?.urgency).to.equal('emergency');
  });
});
