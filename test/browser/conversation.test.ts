// The clinic page's conversation in Chromium: a reload resumes it (saved in sessionStorage), one that has ended
// or expired gives way to a new one with a message, one that cannot start says so, and "Start over" begins afresh.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  BOT_BUBBLE, FIRST_QUESTION, USER_BUBBLE, andWaitForBot, answerThePtQuestions, expectNoAxeViolations, firstButton,
  launchBrowser, messageInput, replaceSavedConversationOnNextLoad, savedConversation, type, waitForFirstQuestion,
  waitForSavedConversation, type Browser, type SavedConversation,
} from './support.js';

const { page: PAGE_TEXT } = loadKnowledge().messages;
const GREETING = 'Second Look from';
const EMERGENCY = "I've lost control of my bladder since yesterday";

/** Every message shown, in order, marked with who sent it. */
const transcript = (page: Page): Promise<string[]> =>
  page.locator('.webchat__bubble').evaluateAll((bubbles) =>
    bubbles.map((b) => `${b.classList.contains('webchat__bubble--from-user') ? 'user' : 'bot'}: ${(b as HTMLElement).innerText.trim()}`));

const greetings = (page: Page) => page.locator(BOT_BUBBLE, { hasText: GREETING }).count();
const lastBotMessage = (page: Page) => page.locator(BOT_BUBBLE).last().innerText();
const liveRegion = (page: Page, id: 'alert' | 'notice' | 'conversation-status') => page.locator(`#${id}`).innerText();

/** Marks the conversation expired in the server's SQLite file, as time would (reads skip expired rows). */
function expireConversation(sqlitePath: string, conversationId: string): void {
  const db = new Database(sqlitePath);
  try {
    expect(db.prepare('UPDATE directline_conversations SET expires_at = 0 WHERE id = ?').run(conversationId).changes).to.equal(1);
  } finally {
    db.close();
  }
}

/** A test server on SQLite in a temporary directory, so that a test can reach into its file. */
async function startSqliteServer(env: Record<string, string> = {}): Promise<{ app: TestServer; sqlitePath: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'second-look-page-'));
  const sqlitePath = join(dir, 'second-look.db');
  const app = await startTestServer({ STORAGE: 'sqlite', SQLITE_PATH: sqlitePath, ...env });
  return { app, sqlitePath, close: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** After the conversation was found gone: the message, and a new conversation from its greeting that works. */
async function expectFreshStartAfterEnded(page: Page, ended: string): Promise<void> {
  await page.locator('#conversation-status', { hasText: PAGE_TEXT.conversationEnded }).waitFor({ timeout: 20_000 });
  expect(await page.locator('#conversation-status').getAttribute('role')).to.equal('status');
  await waitForFirstQuestion(page);
  const fresh = await waitForSavedConversation(page, ended);
  expect(fresh.conversationId).not.to.equal(ended);
  expect(await page.locator(USER_BUBBLE).count(), 'nothing of the ended conversation is shown').to.equal(0);
  expect(await greetings(page)).to.equal(1);
  await type(page, '10 weeks');
}

describe("the clinic page's conversation in Chromium: resumed, replaced, started over", function () {
  this.timeout(90_000);
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  // Live replies over a WebSocket (the default), or polling (DIRECT_LINE_WEBSOCKET=false).
  for (const webSocket of ['true', 'false']) {
    describe(webSocket === 'true' ? 'over a WebSocket' : 'polling', () => {
      let server: Awaited<ReturnType<typeof startSqliteServer>>;
      before(async () => { server = await startSqliteServer({ DIRECT_LINE_WEBSOCKET: webSocket }); });
      after(async () => { await server?.close(); });

      it('a reload shows the conversation so far, and the next answer gets the next question', async () => {
        const page = await browser.context.newPage();
        await page.goto(`${server.app.url}/`);
        await waitForFirstQuestion(page);
        await answerThePtQuestions(page);
        const before = await transcript(page);
        const saved = await waitForSavedConversation(page);

        await page.reload();
        await page.waitForFunction(([n]) => document.querySelectorAll('.webchat__bubble').length >= n!, [before.length] as const, { timeout: 20_000 });
        // Long enough for a duplicate to arrive, were the history sent twice (polling asks every second).
        await page.waitForTimeout(1_500);
        expect(await transcript(page)).to.deep.equal(before);
        expect((await savedConversation(page))?.conversationId).to.equal(saved.conversationId);
        expect(await liveRegion(page, 'conversation-status')).to.equal('');

        const question = await lastBotMessage(page);
        await andWaitForBot(page, () => firstButton(page).click());
        const next = await lastBotMessage(page);
        expect(next).not.to.equal(question).and.not.to.contain(FIRST_QUESTION).and.not.to.contain(GREETING);
        expect(await greetings(page)).to.equal(1);
        await page.close();
      });

      it('a conversation that expires while the page is open: a message, and a new conversation from the greeting', async () => {
        const page = await browser.context.newPage();
        await page.goto(`${server.app.url}/`);
        await waitForFirstQuestion(page);
        await type(page, '10 weeks');
        const saved = await waitForSavedConversation(page);
        expireConversation(server.sqlitePath, saved.conversationId);
        // Polling finds out by itself within a second; over a WebSocket, the next message sent finds out.
        if (webSocket === 'true') {
          await messageInput(page).fill('every day');
          await messageInput(page).press('Enter');
        }
        await expectFreshStartAfterEnded(page, saved.conversationId);
        await page.close();
      });
    });
  }

  describe('when the saved conversation cannot be resumed', () => {
    let server: Awaited<ReturnType<typeof startSqliteServer>>;
    before(async () => { server = await startSqliteServer(); });
    after(async () => { await server?.close(); });

    /** Opens the page and answers the first question: a conversation worth resuming. */
    async function startConversation(): Promise<{ page: Page; saved: SavedConversation }> {
      const page = await browser.context.newPage();
      await page.goto(`${server.app.url}/`);
      await waitForFirstQuestion(page);
      await type(page, '10 weeks');
      return { page, saved: await waitForSavedConversation(page) };
    }

    it('expired on the server: a message, and a new conversation from the greeting', async () => {
      const { page, saved } = await startConversation();
      expireConversation(server.sqlitePath, saved.conversationId);
      await page.reload();
      await expectFreshStartAfterEnded(page, saved.conversationId);
      await expectNoAxeViolations(page, 'with the conversation-ended message');
      await page.close();
    });

    it('a bad saved token: a message, and a new conversation from the greeting', async () => {
      const { page, saved } = await startConversation();
      // Another signature: the server refuses the token (403).
      const [header, payload, signature] = saved.token.split('.');
      await replaceSavedConversationOnNextLoad(page, { ...saved, token: [header, payload, [...signature!].reverse().join('')].join('.') });
      await page.reload();
      await expectFreshStartAfterEnded(page, saved.conversationId);
      await page.close();
    });
  });

  describe('when a new conversation cannot start', () => {
    let app: TestServer;
    before(async () => { app = await startTestServer({ EMERGENCY_NUMBER: '+44 999', CLINIC_NAME: 'Dr <Smith> & Co' }); });
    after(async () => { await app?.close(); });

    // The token route down, or Direct Line refusing to start the conversation.
    for (const [what, path] of [['no token', '**/api/directline/token'], ['no conversation', '**/v3/directline/conversations']] as const) {
      it(`${what}: the connect-error banner, with a call link to the emergency number`, async () => {
        const page = await browser.context.newPage();
        await page.route(path, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable"}' }));
        await page.goto(`${app.url}/`);
        const banner = page.locator('#alert .banner-error');
        await banner.waitFor({ timeout: 20_000 });
        expect(await banner.innerText()).to.contain(PAGE_TEXT.connectError);
        expect(await banner.getByRole('link', { name: '+44 999' }).getAttribute('href')).to.equal('tel:+44999');
        expect(await page.locator('.subtitle').innerText()).to.contain('Dr <Smith> & Co');
        expect(await liveRegion(page, 'conversation-status'), 'a new conversation is not an ended one').to.equal('');
        expect(await savedConversation(page)).to.equal(undefined);
        await expectNoAxeViolations(page, 'with the connect-error banner');
        await page.close();
      });
    }
  });

  describe('Start over', () => {
    let app: TestServer;
    before(async () => { app = await startTestServer({ EMERGENCY_NUMBER: '112' }); });
    after(async () => { await app?.close(); });

    it('is a keyboard-reachable button that ends the conversation, clears the banners and starts a new one', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${app.url}/`);
      await waitForFirstQuestion(page);
      await type(page, EMERGENCY);
      await page.locator('#alert .banner-emergency').waitFor({ timeout: 15_000 });
      const old = await waitForSavedConversation(page);

      const startOver = page.getByRole('button', { name: PAGE_TEXT.startOver, exact: true });
      expect(await startOver.isVisible()).to.equal(true);
      // Reached with Tab from the top of the page, and visibly focused.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let tab = 0; tab < 40 && !(await startOver.evaluate((el) => el === document.activeElement)); tab += 1) await page.keyboard.press('Tab');
      expect(await startOver.evaluate((el) => el === document.activeElement), 'Tab reaches Start over').to.equal(true);
      expect(await startOver.evaluate((el) => getComputedStyle(el).outlineStyle)).to.equal('solid');
      await page.keyboard.press('Enter');

      const fresh = await waitForSavedConversation(page, old.conversationId);
      expect(fresh.conversationId).not.to.equal(old.conversationId);
      await waitForFirstQuestion(page);
      expect(await greetings(page)).to.equal(1);
      expect(await page.locator(USER_BUBBLE).count(), 'the old messages are gone').to.equal(0);
      for (const region of ['alert', 'notice', 'conversation-status'] as const) expect(await liveRegion(page, region), region).to.equal('');
      expect(await messageInput(page).evaluate((el) => el === document.activeElement), 'focus is on the message input').to.equal(true);
      await expectNoAxeViolations(page, 'after Start over');

      // The banner level starts again too: a new emergency shows its banner.
      await type(page, EMERGENCY);
      await page.locator('#alert .banner-emergency').waitFor({ timeout: 15_000 });
      await page.close();
    });
  });
});
