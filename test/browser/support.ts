// Shared by the browser suites: the steps of a conversation on the clinic page as a person takes them, and axe.
// Chromium itself and the page's landmarks (bubbles, message box, saved conversation) are scripts/lib/browser.ts,
// which the bench uses too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { BOT_BUBBLE, messageInput, SAVED_KEY, type SavedConversation } from '../../scripts/lib/browser.js';

export {
  BOT_BUBBLE, FIRST_QUESTION, launchBrowser, messageInput, PHONE, savedConversation, SCREENSHOTS, USER_BUBBLE,
  waitForFirstQuestion, waitForSavedConversation, type Browser, type SavedConversation,
} from '../../scripts/lib/browser.js';

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

/** Types a message, sends it, and waits for the bot's answer. */
export async function type(page: Page, text: string): Promise<void> {
  await andWaitForBot(page, async () => {
    await messageInput(page).fill(text);
    await messageInput(page).press('Enter');
  });
}

/** The first three answers: how long, how often, and no better. */
export async function answerThePtQuestions(page: Page): Promise<void> {
  await type(page, '10 weeks');
  await andWaitForBot(page, () => button(page, 'A few times a week').click());
  await andWaitForBot(page, () => button(page, 'About the same').click());
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
