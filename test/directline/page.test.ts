// The page as HTML (the browser suite drives it for real): settings and content filled in and escaped, the
// headers that limit who may frame it, its own files and the Web Chat bundle served locally and compressed.
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the clinic page over HTTP', () => {
  let app: TestServer;
  before(async () => {
    app = await startTestServer({
      CLINIC_NAME: 'Dr <Smith> & Co', EMERGENCY_NUMBER: '+44 999', CLINIC_COLOR: '#2b5d34', CLINIC_ACCENT: '#f4f4f4',
      ALLOWED_ORIGINS: 'https://www.clinic.example,https://clinic.example',
    });
  });
  after(async () => { await app.close(); });

  it('fills in the clinic, its colours and the disclaimer, escaped', async () => {
    for (const path of ['/', '/chat']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html/);
      const html = await res.text();
      expect(html).to.contain('Dr &lt;Smith&gt; &amp; Co').and.not.contain('<Smith>');
      expect(html).to.contain('--clinic-color: #2b5d34').and.contain('--clinic-accent: #f4f4f4');
      expect(html).to.match(/id="disclaimer">Please note: I am not a doctor.*call \+44 999 now/);
      expect(html).to.contain('href="tel:+44999"').and.contain('Call +44 999');
      expect(html).not.to.match(/\{\{\w+\}\}/);
      expect(html).to.contain('<script src="/webchat.js"');
    }
  });

  it('may be framed only by itself and ALLOWED_ORIGINS', async () => {
    const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("frame-ancestors 'self' https://www.clinic.example https://clinic.example");
    expect(csp).to.contain("script-src 'self'");
  });

  it('serves its own files and Web Chat from the installed package, gzipped', async () => {
    for (const file of ['chat.js', 'chat.css', 'embed.js']) expect((await fetch(`${app.url}/web/${file}`)).status).to.equal(200);
    expect((await fetch(`${app.url}/web/..%2Fpackage.json`)).status).to.equal(404);
    const raw = await fetch(`${app.url}/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).to.equal(null);
    expect(Number(raw.headers.get('content-length'))).to.be.greaterThan(1_000_000);
    expect(await raw.text()).to.contain('WebChat');
    const zipped = await fetch(`${app.url}/webchat.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).to.equal('gzip');
    expect(Number(zipped.headers.get('content-length'))).to.be.below(Number(raw.headers.get('content-length')) / 3);
  });
});
