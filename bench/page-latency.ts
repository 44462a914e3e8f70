// How long a reply takes to reach the clinic page, over the WebSocket (streamUrl) and over polling: the app runs
// in-process once with DIRECT_LINE_WEBSOCKET=true and once with false, and the real page (GET /) is driven in
// Chromium, the way test/browser drives it, through whole interviews.
import { openDirectLineLog } from '../src/storage/factory.js';
import { launchBrowser, type Browser } from '../scripts/lib/browser.js';
import { median } from '../scripts/lib/dev-cases.js';
import { startInProcess } from './in-process.js';
import { timeReplies } from './page-interview.js';
import { percentile, round } from './stats.js';

export interface ModeFigures {
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  samplesMs: number[];
  conversations: number;
  webSockets: number;
  polls: number;
}

export interface PageLatencyFigures { samples: number; webSocket: ModeFigures; polling: ModeFigures }

async function inMode(browser: Browser, env: Record<string, string>, webSocket: boolean, wanted: number): Promise<ModeFigures> {
  const { app, storage } = await startInProcess({ ...env, DIRECT_LINE_WEBSOCKET: String(webSocket) });
  try {
    // The conversations as the app keeps them, read where it reads them (for the replies' stored timestamps).
    const timed = await timeReplies(browser.context, `${app.url}/`, openDirectLineLog(storage), wanted);
    // Figures from the wrong transport would compare nothing: the page must have used the one the server offered.
    if (webSocket ? timed.webSockets === 0 || timed.polls > 0 : timed.webSockets > 0 || timed.polls === 0) {
      throw new Error(`the page did not ${webSocket ? 'stream' : 'poll'}: ${timed.webSockets} sockets, ${timed.polls} polls`);
    }
    const sorted = [...timed.samples].sort((a, b) => a - b);
    return {
      medianMs: round(median(sorted), 0), p90Ms: percentile(sorted, 90), maxMs: sorted.at(-1)!, samplesMs: timed.samples,
      conversations: timed.conversations, webSockets: timed.webSockets, polls: timed.polls,
    };
  } finally {
    await app.close();
  }
}

/** `env` gives the store's settings for each server (each mode its own, so SQLite files stay apart). */
export async function pageLatency(env: (name: string) => Record<string, string>, wanted: number): Promise<PageLatencyFigures> {
  const browser = await launchBrowser();
  try {
    return {
      samples: wanted,
      webSocket: await inMode(browser, env('page-latency-websocket'), true, wanted),
      polling: await inMode(browser, env('page-latency-polling'), false, wanted),
    };
  } finally {
    await browser.close();
  }
}

export function printPageLatency(f: PageLatencyFigures, store: string): void {
  const line = (label: string, m: ModeFigures) => console.log(`  ${label.padEnd(9)} median ${String(m.medianMs).padStart(4)} ms  p90 ${String(m.p90Ms).padStart(4)} ms`
    + `  max ${String(m.maxMs).padStart(4)} ms   (${m.conversations} conversations; ${m.webSockets} WebSockets, ${m.polls} polls)`);
  console.log(`reply to the page, from kept in the store (${store}) to its bubble in Chromium's DOM, ${f.samples} typed answers per mode:`);
  line('WebSocket', f.webSocket);
  line('polling', f.polling);
  const [ws, poll] = [f.webSocket.medianMs, f.polling.medianMs];
  console.log(`  WebSocket vs polling every second: replies show ${round(poll - ws, 0)} ms sooner at the median (${ws} ms vs ${poll} ms, ${round(poll / Math.max(1, ws), 1)}× faster)`);
}
