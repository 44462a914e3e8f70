import { expect } from 'chai';
import { ConversationStore, MAX_ACTIVITIES_PER_CONVERSATION } from '../../src/server/directline/store.js';
import { TokenSigner } from '../../src/server/directline/token.js';

describe('built-in Direct Line conversations', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => { now = 1_700_000_000_000; });

  it('pages activities by watermark', () => {
    const store = new ConversationStore(60_000, clock);
    const c = store.create('c1', 'dl_u')!;
    const first = store.append(c, { type: 'message', text: 'a' });
    store.append(c, { type: 'message', text: 'b' });
    expect(first).to.equal('c1|0000000');
    expect(store.since(c, undefined)).to.deep.include({ watermark: '2' });
    expect(store.since(c, '1').activities.map((a) => a.text)).to.deep.equal(['b']);
    expect(store.since(c, '2').activities).to.deep.equal([]);
    expect(store.since(c, 'junk').activities).to.have.length(2);
  });

  it('stores a copy: later changes to the sent object do not reach the page', () => {
    const store = new ConversationStore(60_000, clock);
    const c = store.create('c1', 'dl_u')!;
    const sent = { type: 'message', text: 'a' };
    store.append(c, sent);
    sent.text = 'changed';
    expect(store.since(c, '0').activities[0]!.text).to.equal('a');
  });

  it('drops a conversation idle for longer than CONVERSATION_TTL, and keeps an active one', () => {
    const store = new ConversationStore(60_000, clock);
    store.create('idle', 'dl_a');
    const active = store.create('active', 'dl_b')!;
    now += 40_000;
    store.since(active, '0');
    now += 30_000;
    store.sweep();
    expect(store.get('idle')).to.equal(undefined);
    expect(store.get('active')).to.equal(active);
    expect(store.size).to.equal(1);
    now += 61_000;
    expect(store.get('active'), 'expired on read too').to.equal(undefined);
  });

  it('refuses to grow a conversation without bound', () => {
    const store = new ConversationStore(60_000, clock);
    const c = store.create('c1', 'dl_u')!;
    for (let i = 0; i < MAX_ACTIVITIES_PER_CONVERSATION; i += 1) store.append(c, { type: 'typing' });
    expect(store.append(c, { type: 'message' })).to.equal(undefined);
  });
});

describe('built-in Direct Line tokens', () => {
  const secret = 'a-shared-secret-for-several-instances-000';

  it('verify what they issue, on any instance that shares the secret', () => {
    const { token, expiresIn } = new TokenSigner(secret).issue('conv-1', 'dl_u');
    const check = new TokenSigner(secret).verify(token);
    expect(check).to.deep.include({ ok: true });
    expect(check.ok && check.claims).to.include({ conv: 'conv-1', user: 'dl_u' });
    expect(expiresIn).to.equal(1800);
  });

  it('refuse a token from another secret, a tampered one and an expired one', () => {
    const signer = new TokenSigner(secret);
    const { token } = signer.issue('conv-1', 'dl_u');
    expect(new TokenSigner(undefined).verify(token)).to.deep.equal({ ok: false, reason: 'signature' });
    const [payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ conv: 'conv-2', user: 'dl_u', exp: 9e9 })).toString('base64url');
    expect(signer.verify(`${otherPayload}.${signature}`)).to.deep.equal({ ok: false, reason: 'signature' });
    expect(signer.verify(`${payload}`)).to.deep.equal({ ok: false, reason: 'malformed' });
    const old = new TokenSigner(secret, () => Date.now() - 3600_000).issue('conv-1', 'dl_u').token;
    expect(signer.verify(old)).to.deep.equal({ ok: false, reason: 'expired' });
  });
});
