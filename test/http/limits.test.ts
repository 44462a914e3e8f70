import { expect } from 'chai';
import { RateLimiter } from '../../src/server/rate-limit.js';
import { conversation, postRaw, startTestServer } from '../support/server.js';

describe('rate limits', () => {
  it('counts per key in fixed windows and says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).to.deep.equal([0, 0, 0]);
    expect(limiter.take('a')).to.equal(60);
    expect(limiter.take('b')).to.equal(0);
    now += 59_000;
    expect(limiter.take('a')).to.equal(1);
    now += 1_000;
    expect(limiter.take('a')).to.equal(0);
  });

  it('answers 429 with Retry-After once a conversation sends too much, and other conversations go on', async () => {
    const server = await startTestServer({ RATE_LIMIT_PER_CONVERSATION: '3' });
    try {
      const flood = conversation(server.url);
      for (let i = 0; i < 3; i += 1) await flood.say('8 weeks');
      const refused = await postRaw(server.url, { ...flood.base(), type: 'message', text: 'again', deliveryMode: 'expectReplies' });
      expect(refused.status).to.equal(429);
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
      expect(refused.json).to.deep.equal({ error: 'too many requests: please wait a moment and try again' });
      const other = conversation(server.url);
      expect((await other.say('hello')).length).to.be.greaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('limits one client address across conversations', async () => {
    const server = await startTestServer({ RATE_LIMIT_PER_ADDRESS: '2' });
    try {
      await conversation(server.url).say('hi');
      await conversation(server.url).say('hi');
      const refused = await postRaw(server.url, { ...conversation(server.url).base(), type: 'message', text: 'hi' });
      expect(refused.status).to.equal(429);
      expect(refused.headers.get('retry-after')).to.match(/^\d+$/);
    } finally {
      await server.close();
    }
  });
});

describe('/readyz', () => {
  it('is ready when the store answers', async () => {
    const server = await startTestServer();
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ status: 'ready' });
    } finally {
      await server.close();
    }
  });
});
