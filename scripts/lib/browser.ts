// Debian's chromium driven by playwright-core (npx playwright install cannot download here), and the clinic page
// as a person sees it: where the bot's bubbles are, the message box, the first question, the saved conversation.
// Shared by the browser suites (test/browser/support.ts builds the steps of a conversation on it) and the bench.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Git-ignored; named in the README. */
export const SCREENSHOTS = join('test-output', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const BOT_BUBBLE = '.webchat__bubble:not(.webchat__bubble--from-user)';
export const USER_BUBBLE = '.webchat__bubble--from-user';
/** The text of the first question, which follows the greeting. */
export const FIRST_QUESTION = 'How long have you been doing physical therapy';
/** The key web/chat.js keeps the conversation under. */
export const SAVED_KEY = 'second-look.conversation';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a throw-away profile, a phone-sized window by default. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium`);
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

export const messageInput = (page: Page) => page.getByRole('textbox', { name: 'Message input box' });

/** Waits for the greeting's first question: the conversation has started. */
export const waitForFirstQuestion = (page: Page) =>
  page.locator(BOT_BUBBLE, { hasText: FIRST_QUESTION }).last().waitFor({ timeout: 20_000 });

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
