// The built-in Direct Line endpoint driven by Microsoft's own client, as Web Chat drives it: over polling, and
// over the streamUrl's WebSocket.
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { connect, ConnectionStatus, type NodeDirectLine, type Received as Activity } from './client.js';
import { call, getToken, startConversation } from './support.js';

const triageOf = (a: Activity) => (a.channelData as { triage?: { urgency: string } } | undefined)?.triage;

for (const webSocket of [false, true]) describe(`built-in Direct Line with botframework-directlinejs (${webSocket ? 'WebSocket' : 'polling'})`, () => {
  let app: TestServer;
  let client: NodeDirectLine | undefined;
  before(async () => { app = await startTestServer({ EMERGENCY_NUMBER: '112' }); });
  after(async () => { await app.close(); });
  afterEach(() => { client?.end(); client = undefined; });

  /** Types an answer; resolves with the bot's replies to it, once the client has received them all. */
  async function say(dl: NodeDirectLine, text: string): Promise<Activity[]> {
    const id = await dl.post({ text });
    await dl.waitFor((a) => a.replyToId === id);
    // The server answers the post after the turn, so one poll brings every reply: let that batch land.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return dl.received.filter((a) => a.replyToId === id);
  }

  it('holds a whole conversation to an assessment, on channel directline', async () => {
    const { token, domain } = await getToken(app.url);
    client = connect(domain, token, { webSocket });
    const greeting = await client.waitFor((a) => a.from.role === 'bot' && /Second Look/.test(a.text ?? ''));
    expect(greeting.channelId).to.equal('directline');
    await client.waitFor((a) => /not medical advice/i.test(a.text ?? ''));
    await client.waitFor((a) => /how long have you been doing physical therapy/i.test(a.text ?? ''));

    const answers = ['10 weeks', 'maybe once a week', 'about the same', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'none of those'];
    let assessment: Activity | undefined;
    for (const answer of answers) {
      const replies = await say(client, answer);
      assessment = replies.find(triageOf);
      if (assessment) break;
    }
    expect(assessment, 'an assessment').to.exist;
    expect(triageOf(assessment!)?.urgency).to.equal('routine');
    expect(assessment!.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    // The person's own messages come back as echoes (Web Chat marks them sent), from the token's user.
    const echoes = client.received.filter((a) => a.from.role === 'user');
    expect(echoes.map((a) => a.text)).to.include('10 weeks');
    expect(new Set(echoes.map((a) => a.from.id)).size).to.equal(1);
    expect(echoes[0]!.from.id).to.match(/^dl_/);
    // Nothing was sent to a serviceUrl: no error was logged.
    expect(app.logs.filter((l) => /"level":"(error|warn)"/.test(l))).to.deep.equal([]);
  });

  it('gives the emergency assessment with the emergency number in the same turn', async () => {
    const { token, domain } = await getToken(app.url);
    client = connect(domain, token, { webSocket });
    await client.waitFor((a) => /how long have you been doing/i.test(a.text ?? ''));
    const replies = await say(client, "I can't control my bladder since yesterday");
    const triage = replies.map(triageOf).find(Boolean);
    expect(triage?.urgency).to.equal('emergency');
    expect(replies.map((a) => a.text).join(' ')).to.contain('112');
  });

  it('refreshes its token and goes on with the new one', async () => {
    const { token, domain } = await getToken(app.url);
    client = connect(domain, token, { webSocket });
    const conversationId = (await client.waitFor((a) => a.from.role === 'bot')).conversation!.id;
    const refreshed = await call(`${domain}/tokens/refresh`, 'POST', token);
    expect(refreshed.status).to.equal(200);
    const next = refreshed.json as { token: string; conversationId: string; expires_in: number };
    expect(next.conversationId).to.equal(conversationId);
    expect(next.expires_in).to.be.greaterThan(60);
    const page = await call(`${domain}/conversations/${conversationId}/activities`, 'GET', next.token);
    expect(page.status).to.equal(200);
    expect((page.json as { activities: unknown[] }).activities.length).to.be.greaterThan(0);
  });

  it('fails to connect with a forged token', async () => {
    const { token, domain } = await getToken(app.url);
    client = connect(domain, `${token.split('.')[0]}.forged`, { webSocket });
    expect(await client.status([ConnectionStatus.FailedToConnect, ConnectionStatus.Online])).to.equal(ConnectionStatus.FailedToConnect);
  });
});

describe('built-in Direct Line next to Azure channels (MicrosoftAppId set)', () => {
  it('still runs turns: its activities come from this process, not over HTTP from Azure', async () => {
    const app = await startTestServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used-here' });
    try {
      const { domain, id, token } = await startConversation(app.url);
      const page = await call(`${domain}/conversations/${id}/activities`, 'GET', token);
      const texts = (page.json as { activities: Array<{ text?: string }> }).activities.map((a) => a.text ?? '');
      expect(texts.join(' ')).to.match(/how long have you been doing physical therapy/i);
      // /api/messages still insists on a Bot Framework token.
      expect((await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).to.equal(401);
    } finally {
      await app.close();
    }
  });
});
