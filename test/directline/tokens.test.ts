// The built-in Direct Line's tokens: JWTs any instance with the key accepts, refused when forged, tampered,
// expired, unsigned, or meant for another use.
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { TokenSigner } from '../../src/server/directline/token.js';

describe('built-in Direct Line tokens', () => {
  const secret = 'a-shared-secret-for-several-instances-000';

  it('verify what they issue, on any instance that shares the key', () => {
    const { token, expiresIn } = new TokenSigner(secret).issue('conv-1', 'dl_u');
    const check = new TokenSigner(secret).verify(token);
    expect(check).to.deep.include({ ok: true });
    expect(check.ok && check.claims).to.include({ conv: 'conv-1', user: 'dl_u', scope: 'conversation' });
    expect(expiresIn).to.equal(1800);
  });

  it('refuse a token from another key, a tampered one and an expired one', () => {
    const signer = new TokenSigner(secret);
    const { token } = signer.issue('conv-1', 'dl_u');
    expect(new TokenSigner('another-key-another-key-another-key-0000').verify(token)).to.deep.equal({ ok: false, reason: 'signature' });
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ conv: 'conv-2', user: 'dl_u', scope: 'conversation', exp: 9e9 })).toString('base64url');
    expect(signer.verify(`${header}.${otherPayload}.${signature}`)).to.deep.equal({ ok: false, reason: 'signature' });
    expect(signer.verify('not-a-token')).to.deep.equal({ ok: false, reason: 'malformed' });
    const old = new TokenSigner(secret, () => Date.now() - 3600_000).issue('conv-1', 'dl_u').token;
    expect(signer.verify(old)).to.deep.equal({ ok: false, reason: 'expired' });
  });

  it('refuse an unsigned token ("alg": "none") and one signed with another algorithm', () => {
    const claims = { conv: 'conv-1', user: 'dl_u', scope: 'conversation', iss: 'second-look/directline' };
    const unsigned = jwt.sign(claims, '', { algorithm: 'none' });
    expect(new TokenSigner(secret).verify(unsigned).ok).to.equal(false);
    const hs512 = jwt.sign(claims, secret, { algorithm: 'HS512' });
    expect(new TokenSigner(secret).verify(hs512).ok).to.equal(false);
  });

  it('keep stream tokens and conversation tokens apart', () => {
    const signer = new TokenSigner(secret);
    const stream = signer.issue('conv-1', 'dl_u', 'stream');
    expect(stream.expiresIn).to.be.below(1800);
    expect(signer.verify(stream.token)).to.deep.equal({ ok: false, reason: 'scope' });
    expect(signer.verify(stream.token, 'stream').ok).to.equal(true);
    expect(signer.verify(signer.issue('conv-1', 'dl_u').token, 'stream')).to.deep.equal({ ok: false, reason: 'scope' });
  });
});
