// The clinic page in a real browser: Debian's chromium driven by playwright-core, against the app on loopback
// with the built-in Direct Line. Screenshots go to test-output/screenshots/ (git-ignored; named in the README).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  BOT_BUBBLE, FIRST_QUESTION, PHONE, SCREENSHOTS, andWaitForBot, answerThePtQuestions, button, expectNoAxeViolations,
  launchBrowser, type, waitForFirstQuestion, type Browser,
} from './support.js';

const MESSAGES = loadKnowledge().messages;

describe('the clinic page in Chromium', function () {
  this.timeout(90_000);
  let app: TestServer;
  let browser: Browser;

  before(async () => {
    app = await startTestServer({ EMERGENCY_NUMBER: '112', CLINIC_NAME: 'Riverside Physio', CLINIC_COLOR: '#2b5d34' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('greets with the disclaimer, takes typed and clicked answers, and shows the assessment card', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });

    await page.goto(`${app.url}/`);
    expect(await page.locator('#disclaimer').innerText()).to.match(/not a doctor.*call 112/s);
    expect(await page.locator('h1 + .subtitle').innerText()).to.contain('Riverside Physio');
    const firstMessageMs = await (await page.waitForFunction(
      (selector) => (document.querySelector(selector) ? performance.now() : false), BOT_BUBBLE, { timeout: 20_000 },
    )).jsonValue() as number;
    const weight = bytes;
    await page.locator(BOT_BUBBLE, { hasText: FIRST_QUESTION }).waitFor();
    expect(await page.locator(BOT_BUBBLE).first().innerText()).to.contain("I'm Second Look from Riverside Physio".replace("'", '’'));
    await expectNoAxeViolations(page, 'once the greeting shows');
    console.log(`      page weight to the first bot message: ${(weight / 1024).toFixed(0)} KiB transferred; first bot message after ${firstMessageMs.toFixed(0)} ms`);
    expect(weight, 'the page stays light (Web Chat is served gzipped)').to.be.below(2 * 1024 * 1024);

    await answerThePtQuestions(page);
    const card = page.locator('.ac-adaptiveCard');
    for (let step = 0; step < 14 && (await card.count()) === 0; step += 1) {
      const no = button(page, 'No');
      if (await no.count()) await andWaitForBot(page, () => no.click());
      else await type(page, 'none of those');
    }
    await card.first().waitFor();
    expect(await card.first().innerText()).to.match(/Urgency:/);
    // No banner for a result that does not need action today.
    expect(await page.locator('#alert').innerText()).to.equal('');
    await expectNoAxeViolations(page, 'with the assessment card');

    // Short first: the details wait behind their buttons; the summary's opens with "Save summary" and "Copy".
    const t = MESSAGES.assessmentText;
    const assessment = card.first();
    for (const title of [t.basedOn, MESSAGES.summaryTitle]) await assessment.getByRole('button', { name: title }).waitFor();
    const save = assessment.getByRole('button', { name: t.saveSummary });
    expect(await save.isVisible(), 'the summary is folded away at first').to.equal(false);
    const toggle = assessment.getByRole('button', { name: MESSAGES.summaryTitle });
    expect(await toggle.getAttribute('aria-expanded'), 'the toggle says it is collapsed').to.equal('false');
    await toggle.click();
    await save.waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).to.equal('true');
    const shownSummary = (await assessment.getByText(/^Reported: |^Findings: /).first().evaluate((el) => (el.closest('.ac-textBlock') as HTMLElement).innerText)).trim();
    const botMessagesBefore = await page.locator(BOT_BUBBLE).count();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), save.click()]);
    expect(download.suggestedFilename()).to.equal(t.summaryFileName);
    const saved = readFileSync((await download.path())!, 'utf8');
    console.log(`      the saved summary (${download.suggestedFilename()}):\n${saved.trimEnd().replace(/^/gm, '        | ')}`);
    expect(saved.startsWith(`${MESSAGES.summaryTitle}\n\n`)).to.equal(true);
    expect(saved).to.match(/^Urgency: (soon|routine)\. /m);
    for (const line of shownSummary.split(/\n+/).map((l) => l.trim()).filter(Boolean)) expect(saved, 'the file says what the card shows').to.contain(line);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await assessment.getByRole('button', { name: t.copySummary }).click();
    await page.locator('#conversation-status', { hasText: t.summaryCopied }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(saved);
    await page.waitForTimeout(500);
    expect(await page.locator(BOT_BUBBLE).count(), 'saving and copying send nothing to the bot').to.equal(botMessagesBefore);
    await expectNoAxeViolations(page, 'with the summary open');
    // The card is taller than a phone screen: a tall phone-width window shows all of it in the screenshot.
    await page.setViewportSize({ width: PHONE.width, height: 2400 });
    await card.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'assessment.png') });
    await page.close();
  });

  it('shows the emergency banner, with a call link to the emergency number, after an emergency answer', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${app.url}/chat`);
    await waitForFirstQuestion(page);
    // The banner's live region is there, empty, before anything happens (so that screen readers announce it).
    expect(await page.locator('#alert').getAttribute('role')).to.equal('alert');
    expect(await page.locator('#alert').innerText()).to.equal('');
    await type(page, "I've lost control of my bladder since yesterday");
    const banner = page.locator('#alert');
    await banner.getByRole('link', { name: 'Call 112' }).waitFor({ timeout: 15_000 });
    expect(await banner.getByRole('link', { name: 'Call 112' }).getAttribute('href')).to.equal('tel:112');
    expect(await banner.innerText()).to.match(/Possible emergency/);
    // Keyboard-only: the call link is reachable and visible to the keyboard.
    await banner.getByRole('link', { name: 'Call 112' }).focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).to.equal('tel:112');
    await expectNoAxeViolations(page, 'with the emergency banner');
    await page.screenshot({ path: join(SCREENSHOTS, 'emergency.png') });
    await page.close();
  });
});
