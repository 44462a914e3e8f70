// What the built-in Direct Line refuses: tokens that are missing, forged, expired or for another conversation,
// conversations that do not exist, and bodies that are malformed or too large. Plus CORS for other origins.
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { TokenSigner } from '../../src/server/directline/token.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, getToken, startConversation } from './support.js';

const SECRET = 'test-direct-line-token-secret-0123456789abcdef';
const CLINIC_SITE = 'https://www.clinic.example';

describe('built-in Direct Line refusals', () => {
  let app: TestServer;
  let domain: string;
  let mine: { id: string; token: string };
  let theirs: { id: string; token: string };

  before(async () => {
    app = await startTestServer({ DIRECT_LINE_TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: CLINIC_SITE });
    ({ domain, ...mine } = await startConversation(app.url));
    theirs = await startConversation(app.url);
  });
  after(async () => { await app.close(); });

  const activities = (id: string) => `${domain}/conversations/${id}/activities`;
  const hello = { type: 'message', text: 'hello' };

  it('works with the right token (the baseline for every refusal below)', async () => {
    expect((await call(activities(mine.id), 'GET', mine.token)).status).to.equal(200);
    const posted = await call(activities(mine.id), 'POST', mine.token, hello);
    expect(posted.status).to.equal(200);
    expect((posted.json as { id: string }).id).to.match(new RegExp(`^${mine.id}\\|`));
  });

  it('answers 401 without a token', async () => {
    expect((await call(activities(mine.id), 'GET', undefined)).status).to.equal(401);
    expect((await call(`${domain}/conversations`, 'POST', undefined)).status).to.equal(401);
  });

  it('answers 403 to a wrong token: garbage, or signed with another secret', async () => {
    expect((await call(activities(mine.id), 'GET', 'not-a-token')).status).to.equal(403);
    const forged = new TokenSigner('another-secret-another-secret-0123456789').issue(mine.id, 'dl_someone').token;
    expect((await call(activities(mine.id), 'GET', forged)).status).to.equal(403);
    expect((await call(activities(mine.id), 'POST', forged, hello)).status).to.equal(403);
    expect((await call(`${domain}/tokens/refresh`, 'POST', forged)).status).to.equal(403);
  });

  it('answers 403 to an expired token, and will not refresh it', async () => {
    const twoHoursAgo = () => Date.now() - 2 * 3600_000;
    const expired = new TokenSigner(SECRET, twoHoursAgo).issue(mine.id, 'dl_someone').token;
    const res = await call(activities(mine.id), 'GET', expired);
    expect(res.status).to.equal(403);
    expect(res.json).to.deep.equal({ error: 'token expired' });
    expect((await call(activities(mine.id), 'POST', expired, hello)).status).to.equal(403);
    expect((await call(`${domain}/tokens/refresh`, 'POST', expired)).status).to.equal(403);
  });

  it("answers 403 to another conversation's token, reading or posting", async () => {
    expect((await call(activities(mine.id), 'GET', theirs.token)).status).to.equal(403);
    expect((await call(activities(mine.id), 'POST', theirs.token, hello)).status).to.equal(403);
    expect((await call(activities(theirs.id), 'GET', mine.token)).status).to.equal(403);
  });

  it('answers 404 for a conversation that was never started (or has expired)', async () => {
    const { token } = await getToken(app.url);
    const id = (jwt.decode(token) as { conv: string }).conv;
    expect((await call(activities(id), 'GET', token)).status).to.equal(404);
    expect((await call(activities(id), 'POST', token, hello)).status).to.equal(404);
  });

  it('answers 400 to a malformed body', async () => {
    expect((await call(activities(mine.id), 'POST', mine.token, '{"type": "message", "text": ')).status).to.equal(400);
    expect((await call(activities(mine.id), 'POST', mine.token, '[1, 2]')).status).to.equal(400);
    expect((await call(activities(mine.id), 'POST', mine.token, { text: 'no type' })).status).to.equal(400);
    expect((await call(activities(mine.id), 'POST', mine.token, { type: 'message', text: 42 })).status).to.equal(400);
  });

  it('answers 413 to an oversized body and 415 to a body that is not JSON', async () => {
    const huge = { type: 'message', text: 'x'.repeat(300 * 1024) };
    expect((await call(activities(mine.id), 'POST', mine.token, huge)).status).to.equal(413);
    const text = await call(activities(mine.id), 'POST', mine.token, 'hello', { 'content-type': 'text/plain' });
    expect(text.status).to.equal(415);
  });

  it('cannot post as someone else: the sender is always the token\'s user', async () => {
    const posted = await call(activities(mine.id), 'POST', mine.token, { ...hello, from: { id: 'dl_victim', name: 'Pat' } });
    const id = (posted.json as { id: string }).id;
    const page = await call(activities(mine.id), 'GET', mine.token);
    const echo = (page.json as { activities: Array<{ id: string; from: { id: string; name?: string } }> }).activities.find((a) => a.id === id);
    expect(echo?.from.id).to.match(/^dl_/).and.not.equal('dl_victim');
    expect(echo?.from.name).to.equal('Pat');
  });

  it('lets only ALLOWED_ORIGINS read answers across origins (CORS)', async () => {
    const preflight = (origin: string) => call(activities(mine.id), 'OPTIONS', undefined, undefined, {
      origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type',
    });
    const allowed = await preflight(CLINIC_SITE);
    expect(allowed.status).to.equal(204);
    expect(allowed.headers.get('access-control-allow-origin')).to.equal(CLINIC_SITE);
    expect(allowed.headers.get('access-control-allow-headers')).to.contain('authorization');
    expect((await preflight('https://evil.example')).status).to.equal(403);

    const token = await fetch(`${app.url}/api/directline/token`, { method: 'POST', headers: { origin: CLINIC_SITE } });
    expect(token.headers.get('access-control-allow-origin')).to.equal(CLINIC_SITE);
    const other = await fetch(`${app.url}/api/directline/token`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
  });
});
