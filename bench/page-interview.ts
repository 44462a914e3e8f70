// A person on the clinic page in Chromium, typing answers to the interview, with each reply timed from the moment
// the bot's reply was kept in the store (its stored `timestamp`) to the moment its bubble appeared in the page
// (Date.now() in a MutationObserver). Both are this machine's clock.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import type { ActivityPage, DirectLineLog } from '../src/storage/directline/log.js';
import { BOT_BUBBLE, messageInput, waitForFirstQuestion, waitForSavedConversation } from '../scripts/lib/browser.js';

/** Sensible answers to the interview's first questions, then "no" to each red-flag question until the assessment. */
const FIRST_ANSWERS = ['10 weeks', 'a few times a week', 'about the same'];
const THEN = 'no';
const MAX_ANSWERS = 30;
/** Web Chat's polling interval (directlinejs's default, which the page keeps). */
const POLL_MS = 1_000;
const WAIT_MS = 15_000;

export interface TimedReplies {
  /** Milliseconds from the reply kept to its bubble shown, one per answer. */
  samples: number[];
  conversations: number;
  /** How the page talked to the server: WebSockets opened and GETs of the activities (polls). */
  webSockets: number;
  polls: number;
}

type StoredActivity = ActivityPage['activities'][number];

/** How Web Chat draws a bot message: a bubble for its text and one per attachment (checked on this bot's replies). */
const bubblesOf = (a: StoredActivity): number =>
  a.from?.role === 'bot' && a.type === 'message' ? (a.text ? 1 : 0) + (a.attachments?.length ?? 0) : 0;

/**
 * Runs in the page before its own scripts: shownAt[k] is when the page first showed k + 1 bot bubbles. Counting
 * (not watching nodes) is immune to Web Chat re-rendering a bubble it already showed. No inner functions: the
 * source is sent to the page as it is.
 */
function observeBubbles(selector: string): void {
  const page = window as unknown as { shownAt: number[] };
  page.shownAt = [];
  new MutationObserver(() => {
    const now = Date.now();
    const count = document.querySelectorAll(selector).length;
    while (page.shownAt.length < count) page.shownAt.push(now);
  }).observe(document, { childList: true, subtree: true });
}

const shownAt = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { shownAt: number[] }).shownAt);

/** Waits until the page shows a bubble for every bot message kept so far; returns everything kept. */
async function untilAllShown(page: Page, log: DirectLineLog, conversationId: string): Promise<StoredActivity[]> {
  const kept = (await log.since(conversationId, undefined))?.activities;
  if (!kept) throw new Error(`conversation ${conversationId} is gone from the store`);
  const bubbles = kept.reduce((n, a) => n + bubblesOf(a), 0);
  await page.waitForFunction((n) => (window as unknown as { shownAt: number[] }).shownAt.length >= n, bubbles, { timeout: WAIT_MS });
  return kept;
}

/**
 * Answers on the page at `url` until `wanted` replies are timed, each conversation on a new tab (the page keeps
 * its conversation per tab) after the previous one reached its assessment.
 */
export async function timeReplies(context: BrowserContext, url: string, log: DirectLineLog, wanted: number): Promise<TimedReplies> {
  const timed: TimedReplies = { samples: [], conversations: 0, webSockets: 0, polls: 0 };
  while (timed.samples.length < wanted) {
    const page = await context.newPage();
    page.on('websocket', () => { timed.webSockets += 1; });
    page.on('request', (r) => { if (r.method() === 'GET' && r.url().includes('/activities')) timed.polls += 1; });
    await page.addInitScript(observeBubbles, BOT_BUBBLE);
    await page.goto(url);
    await waitForFirstQuestion(page);
    const { conversationId } = await waitForSavedConversation(page);
    timed.conversations += 1;
    await untilAllShown(page, log, conversationId);
    for (let answer = 0; timed.samples.length < wanted; answer += 1) {
      if (answer === MAX_ANSWERS) throw new Error(`no assessment after ${MAX_ANSWERS} answers in conversation ${conversationId}`);
      // A person answers at any moment of the polling cycle: each pause is a different point of it (golden-ratio
      // steps cover it evenly for any count). Answering at once would always land just after a poll.
      await sleep(((timed.samples.length * 0.618034) % 1) * POLL_MS);
      const before = (await shownAt(page)).length;
      // The post answers once the turn is done: every reply to this answer is in the store by then.
      const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/activities'), { timeout: WAIT_MS });
      await messageInput(page).fill(answer < FIRST_ANSWERS.length ? FIRST_ANSWERS[answer]! : THEN);
      await messageInput(page).press('Enter');
      await posted;
      const kept = await untilAllShown(page, log, conversationId);
      const replies = kept.slice(kept.map((a) => a.from?.role).lastIndexOf('user') + 1);
      const first = replies.find((a) => bubblesOf(a) > 0);
      if (!first) throw new Error(`no reply to answer ${answer + 1} in conversation ${conversationId}`);
      timed.samples.push((await shownAt(page))[before]! - Date.parse(String(first.timestamp)));
      if (replies.some((a) => (a.channelData as { triage?: unknown } | undefined)?.triage)) break;
    }
    await page.close();
  }
  return timed;
}
