// Shared by the browser suites: Debian's chromium driven by playwright-core (npx playwright install cannot
// download here), and the steps of a conversation on the clinic page as a person takes them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Git-ignored; named in the README. */
export const SCREENSHOTS = join('test-output', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';
export const USER_BUBBLE = '.webchat__bubble--from-user';
/** The text of the first question, which follows the greeting. */
export const FIRST_QUESTION = 'How long have you been doing physical therapy';
/** The key web/chat.js keeps the conversation under. */
const SAVED_KEY = 'second-look.conversation';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a throw-away profile, a phone-sized window by default. */
export async function launchBrowser(): Promise<Browser> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: npm test installs Debian's chromium`).to.equal(true);
  const profile = mkdtempSync(join(tmpdir(), 'second-look-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: PHONE });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The number of bot messages shown so far. */
const botMessages = (page: Page): Promise<number> => page.locator(BOT_BUBBLE).count();

/** Does `act`, then waits until the bot has said something more. */
export async function andWaitForBot(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await botMessages(page);
  await act();
  await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length > (n as number), [BOT_BUBBLE, before] as const, { timeout: 15_000 });
}

const suggestedActions = (page: Page) => page.getByRole('toolbar', { name: 'Suggested actions' });

/** A suggested action (the buttons under the bot's question), by its name. */
export const button = (page: Page, name: string) => suggestedActions(page).getByRole('button', { name, exact: true });

/** The first suggested action, whatever it says. */
export const firstButton = (page: Page) => suggestedActions(page).getByRole('button').first();

export const messageInput = (page: Page) => page.getByRole('textbox', { name: 'Message input box' });

/** Types a message, sends it, and waits for the bot's answer. */
export async function type(page: Page, text: string): Promise<void> {
  await andWaitForBot(page, async () => {
    await messageInput(page).fill(text);
    await messageInput(page).press('Enter');
  });
}

/** Waits for the greeting's first question: the conversation has started. */
export const waitForFirstQuestion = (page: Page) =>
  page.locator(BOT_BUBBLE, { hasText: FIRST_QUESTION }).last().waitFor({ timeout: 20_000 });

/** The first three answers: how long, how often, and no better. */
export async function answerThePtQuestions(page: Page): Promise<void> {
  await type(page, '10 weeks');
  await andWaitForBot(page, () => button(page, 'A few times a week').click());
  await andWaitForBot(page, () => button(page, 'About the same').click());
}

export interface SavedConversation { conversationId: string; token: string; domain: string }

/** What the page saved for a reload, if anything. */
export const savedConversation = (page: Page): Promise<SavedConversation | undefined> =>
  page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? undefined, SAVED_KEY);

/** Waits until the page has saved a conversation other than `not` (it saves once the conversation is online). */
export async function waitForSavedConversation(page: Page, not?: string): Promise<SavedConversation> {
  await page.waitForFunction(([key, old]) => {
    const saved = JSON.parse(sessionStorage.getItem(key as string) ?? 'null');
    return saved && saved.conversationId !== old;
  }, [SAVED_KEY, not ?? null] as const, { timeout: 15_000 });
  return (await savedConversation(page))!;
}

/**
 * Replaces the saved conversation as the page next loads, before its script runs: set now, it would be
 * overwritten by the page saving its real one on the way out (pagehide).
 */
export async function replaceSavedConversationOnNextLoad(page: Page, saved: SavedConversation): Promise<void> {
  await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [SAVED_KEY, JSON.stringify(saved)] as const);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/** Runs axe-core on the page as it is now and fails, naming each rule and element, on any WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(page: Page, when: string): Promise<void> {
  // The page's CSP forbids inline scripts; evaluate runs the source without a script element.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  }, WCAG_21_AA);
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  // In the message: chai's own diff would shorten the list to "[ Array(n) ]".
  expect(report.length, `WCAG 2.1 AA violations ${when}:\n  ${report.join('\n  ')}`).to.equal(0);
}
