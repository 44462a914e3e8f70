// The staff page (/staff) in Chromium after some conversations: signed in through its form, the tables show the
// counts (below 5: "fewer than 5"), the charts are drawn, axe finds nothing, and a phone-width screenshot is saved
// to test-output/screenshots/staff.png. Off (404) without STAFF_TOKEN; 401 with nothing said for a wrong token.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { conversation, startTestServer, type TestServer } from '../support/server.js';
import { expectNoAxeViolations, launchBrowser, PHONE, SCREENSHOTS, type Browser } from './support.js';

const STAFF = loadKnowledge().messages.staff;
const TOKEN = 'staff-test-token-0123456789abcdef';
const FULL = ['10 weeks', 'most days', 'about the same', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'no'];

describe('the staff page', function () {
  this.timeout(90_000);
  let app: TestServer;
  let browser: Browser;

  before(async () => {
    app = await startTestServer({ STAFF_TOKEN: TOKEN });
    // 6 assessed ("soon"), 2 more who left after the first answer.
    for (const answers of [...Array(6).fill(FULL), FULL.slice(0, 1), FULL.slice(0, 1)] as string[][]) {
      const c = conversation(app.url);
      await c.start();
      for (const a of answers) await c.say(a);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is off (404) without STAFF_TOKEN', async () => {
    const off = await startTestServer({});
    try {
      expect((await fetch(`${off.url}/staff`)).status).to.equal(404);
      expect((await fetch(`${off.url}/staff/chart.js`)).status).to.equal(404);
    } finally { await off.close(); }
  });

  it('refuses a missing or wrong token with 401 and nothing said, and may not be framed', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token-00' }, { cookie: 'second_look_staff=forged' }] as Record<string, string>[]) {
      const res = await fetch(`${app.url}/staff`, { headers });
      expect(res.status).to.equal(401);
      const body = await res.text();
      expect(body).to.include('<form').and.not.match(/fewer than|wrong|invalid|expired/i);
      expect(res.headers.get('content-security-policy')).to.include("frame-ancestors 'none'");
    }
    const wrong = await fetch(`${app.url}/staff/login`, { method: 'POST', body: 'token=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(wrong.status).to.equal(401);
    expect(wrong.headers.get('set-cookie')).to.equal(null);
    const bearer = await fetch(`${app.url}/staff`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).to.equal(200);
  });

  it('signed in through the form: tables with the counts, charts drawn, no axe violations, a phone screenshot', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    const first = await page.goto(`${app.url}/staff`);
    expect(first?.status()).to.equal(401);
    await page.getByLabel(STAFF.tokenLabel).fill(TOKEN);
    await Promise.all([page.waitForURL(`${app.url}/staff`), page.getByRole('button', { name: STAFF.signIn }).click()]);
    const cookies = await browser.context.cookies(app.url + '/staff');
    const session = cookies.find((c) => c.name === 'second_look_staff');
    expect(session?.httpOnly).to.equal(true);
    expect(session?.sameSite).to.equal('Strict');
    expect(session?.value).to.not.include(TOKEN);
    await page.locator('h1', { hasText: STAFF.title }).waitFor();

    const cells = async (id: string) => page.locator(`table#${id} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText)));
    const today = new Date().toISOString().slice(0, 10);
    const perDay = await cells('assessments');
    expect(perDay).to.have.length(30);
    expect(perDay.at(-1)).to.deep.equal([today, STAFF.fewerThanFive, '6', STAFF.fewerThanFive, STAFF.fewerThanFive]);
    const drop = await cells('dropoff');
    expect(drop[0]!.slice(1)).to.deep.equal(['8', STAFF.fewerThanFive]); // 8 reached the first question, none left there
    expect(drop[1]!.slice(1)).to.deep.equal(['8', STAFF.fewerThanFive]); // 2 left at the second (shown as fewer than 5)
    expect(drop[2]!.slice(1)).to.deep.equal(['6', STAFF.fewerThanFive]);
    const findings = await cells('findings');
    expect(findings.length).to.be.greaterThan(0);
    for (const row of findings) expect(row[1]).to.equal('6');
    // The charts' data never holds a number below 5 other than 0.
    const data = JSON.parse(await page.locator('#staff-data').textContent() ?? '{}') as { tables: { values: number[][] }[] };
    for (const t of data.tables) for (const row of t.values) for (const v of row) expect(v === 0 || v >= 5).to.equal(true);
    const drawn = await page.locator('canvas').evaluateAll((cs) => cs.filter((c) => (c as HTMLCanvasElement).width > 0 && (c.parentElement as HTMLElement).hidden === false).length);
    expect(drawn).to.equal(4);
    await expectNoAxeViolations(page, 'on the staff page');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: PHONE.width, height: Math.min(height, 12000) });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'staff.png') });
    await page.close();
  });
});
