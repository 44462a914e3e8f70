// How long /api/messages takes to refuse a bad Authorization header (401) for each Azure Bot registration type:
// the figure test/http/auth.test.ts used to assert ("within 2 s"). Tokens that can never pass are refused by the
// server's own check; the rest are verified by the SDK, which fetches Microsoft's OpenID metadata and keys, so
// their time is the network's (here: how soon the fetch fails offline). The app runs in-process on the store.
import { randomUUID } from 'node:crypto';
import { badHeaders, REGISTRATIONS } from '../scripts/lib/bad-tokens.js';
import { startInProcess } from './in-process.js';
import { percentile, round } from './stats.js';

export interface RefusalFigures {
  /** Median and slowest milliseconds to the 401, by header; `statuses` are every status seen (401 expected). */
  byRegistration: Record<string, Record<string, { medianMs: number; maxMs: number; statuses: number[]; beforeSdk: boolean }>>;
  samples: number;
}

async function timeOnce(url: string, authorization: string | undefined): Promise<{ ms: number; status: number }> {
  const activity = {
    type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', deliveryMode: 'expectReplies',
    conversation: { id: `bench-${randomUUID()}` }, from: { id: 'bench-user' }, recipient: { id: 'bench-bot' },
  };
  const started = performance.now();
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

export async function authRefusals(env: (name: string) => Record<string, string>, samples: number): Promise<RefusalFigures> {
  const byRegistration: RefusalFigures['byRegistration'] = {};
  for (const [type, settings] of Object.entries(REGISTRATIONS)) {
    const { app } = await startInProcess({ ...env(`auth-${type}`), ...settings });
    try {
      const rows: RefusalFigures['byRegistration'][string] = {};
      for (const [what, { authorization, refusedBeforeSdk }] of Object.entries(badHeaders())) {
        const times: number[] = [];
        const statuses = new Set<number>();
        for (let i = 0; i < samples; i++) {
          const { ms, status } = await timeOnce(app.url, authorization);
          times.push(ms);
          statuses.add(status);
        }
        times.sort((a, b) => a - b);
        rows[what] = { medianMs: round(percentile(times, 50), 1), maxMs: round(times.at(-1)!, 1), statuses: [...statuses], beforeSdk: refusedBeforeSdk !== null };
      }
      byRegistration[type] = rows;
    } finally {
      await app.close();
    }
  }
  return { byRegistration, samples };
}

export function printAuthRefusals(f: RefusalFigures): void {
  console.log(`bad Authorization headers on /api/messages, time to the answer (median / max of ${f.samples}):`);
  for (const [type, rows] of Object.entries(f.byRegistration)) {
    console.log(`  ${type}`);
    for (const [what, r] of Object.entries(rows)) {
      const status = r.statuses.length === 1 && r.statuses[0] === 401 ? '401' : `statuses ${r.statuses.join(', ')} (expected 401)`;
      console.log(`    ${what.padEnd(48)} ${String(r.medianMs).padStart(7)} / ${String(r.maxMs).padStart(7)} ms  ${status}  ${r.beforeSdk ? 'server check' : 'SDK'}`);
    }
  }
}
