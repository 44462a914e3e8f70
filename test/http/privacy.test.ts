import { expect } from 'chai';
import { conversation, postRaw, startTestServer, type TestServer } from '../support/server.js';

// What people type is health information: it must never reach the logs unless LOG_TRANSCRIPTS is on.
describe('logs keep what people type out', () => {
  let server: TestServer;
  before(async () => { server = await startTestServer({ LOG_LEVEL: 'debug', MAX_MESSAGE_CHARS: '200' }); });
  after(async () => server.close());

  it('a recognisable sentence appears in no log line, whatever path it takes', async () => {
    const marker = 'Quetzalcoatl-7731 my bladder leaks since Tuesday';
    const c = conversation(server.url);
    await c.start();
    await c.say(`${marker} and the physio is useless`);
    await c.say(`${marker} ${'x'.repeat(300)}`);                      // truncated: logged as an event, not its text
    await c.send({ value: { text: marker } });                         // a card submit
    await postRaw(server.url, `{"type":"message","text":"${marker}"`); // malformed JSON
    await postRaw(server.url, { type: 'message', text: marker });       // no conversation: 400
    expect(server.logs.length).to.be.greaterThan(0);
    for (const line of server.logs) expect(line).not.to.contain('Quetzalcoatl');
  });

  it('log lines are JSON with the request id and conversation id', async () => {
    const c = conversation(server.url);
    await c.say(`hello ${'y'.repeat(300)}`);
    const truncated = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'message text truncated' && l.conversationId === c.id);
    expect(truncated, 'a truncation line for this conversation').to.exist;
    expect(truncated!.requestId).to.be.a('string').and.not.equal('');
    expect(truncated!.level).to.equal('info');
  });
});

describe('an over-long message', () => {
  it('gets a polite note that only the first part was read, and the conversation goes on', async () => {
    const server = await startTestServer({ MAX_MESSAGE_CHARS: '300' });
    try {
      const c = conversation(server.url);
      await c.start();
      const replies = await c.say(`8 weeks of physio ${'and more words '.repeat(100)}`);
      const text = replies.map((r) => r.text ?? '').join('\n');
      expect(text).to.match(/read only the first part/i);
      expect(text).to.match(/how often/i);
    } finally {
      await server.close();
    }
  });
});
