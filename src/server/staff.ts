// The staff page (/staff): the daily usage counters of the last 30 days as charts and tables, behind STAFF_TOKEN
// (no route at all without it: 404). The token comes in a login form (POST /staff/login), which sets an HttpOnly,
// SameSite=Strict cookie holding a digest of it (never the token itself), or in `Authorization: Bearer`. A missing
// or wrong one gets 401 and the login form, nothing more. Any count below 5 is shown as "fewer than 5", in the
// tables and in the charts' data. Chart.js comes from node_modules (/staff/chart.js), like Web Chat: no CDN.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type restify from 'restify';
import type { Knowledge } from '../knowledge/load.js';
import type { Logger } from '../log.js';
import { daysBetween, dayOf, type Counts, type UsageStats } from '../storage/usage/stats.js';
import { WEB_DIR, escapeHtml } from './web/page.js';

const CHART_BUNDLE = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const COOKIE = 'second_look_staff';
const DAYS = 30;
/** Counts below this are never shown as numbers. */
export const SMALL = 5;
const URGENCIES = ['routine', 'soon', 'urgent', 'emergency'] as const;
const TOP = 10;

const GUARD_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

export interface StaffDeps {
  token: string;
  stats: UsageStats;
  knowledge: Knowledge;
  log: Logger;
  /** Called with each refused attempt, so guessing is cut off like on /metrics; true: refuse with 429. */
  limited?: (req: restify.Request, res: restify.Response) => boolean;
  refused?: (req: restify.Request) => void;
}

/** The cookie's value: a digest of the token, so the cookie never holds the token itself. */
const sessionOf = (token: string): string => createHmac('sha256', token).update('second-look staff session').digest('base64url');

const same = (a: string, b: string): boolean => {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(a), digest(b));
};

function authorised(req: restify.Request, token: string): boolean {
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
  if (auth && same(auth[1]!, token)) return true;
  const cookie = String(req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return cookie !== undefined && same(cookie.slice(COOKIE.length + 1), sessionOf(token));
}

/** The shown form of a count: the number from 5 up, else the words for "fewer than 5". */
export const shown = (n: number, fewer: string): string => (n >= SMALL ? String(n) : fewer);

export function registerStaff(server: restify.Server, deps: StaffDeps): void {
  const m = deps.knowledge.messages.staff;
  let chart: Buffer | undefined;
  const script = readFileSync(join(WEB_DIR, 'staff.js'));
  const style = readFileSync(join(WEB_DIR, 'staff.css'));

  const html = (res: restify.Response, status: number, body: string) => {
    res.writeHead(status, { ...GUARD_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  };
  const refuse = (req: restify.Request, res: restify.Response) => {
    deps.refused?.(req);
    html(res, 401, loginPage(m));
  };

  server.get('/staff', async (req, res) => {
    try {
      if (deps.limited?.(req, res)) return;
      if (!authorised(req, deps.token)) return refuse(req, res);
      const to = dayOf(Date.now());
      const from = dayOf(Date.now() - (DAYS - 1) * 86_400_000);
      html(res, 200, staffPage(deps.knowledge, await deps.stats.read(from, to), from, to));
    } catch (err) {
      deps.log.error('the staff page failed', { err: err as Error });
      if (!res.headersSent) html(res, 500, '');
    }
  });

  server.post('/staff/login', async (req, res) => {
    try {
      if (deps.limited?.(req, res)) return;
      const body = await readForm(req);
      const given = new URLSearchParams(body).get('token') ?? '';
      if (!same(given, deps.token)) return refuse(req, res);
      const secure = (req.connection as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';
      res.writeHead(303, {
        ...GUARD_HEADERS,
        location: '/staff',
        'set-cookie': `${COOKIE}=${sessionOf(deps.token)}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age=28800${secure ? '; Secure' : ''}`,
        'content-length': '0',
      });
      res.end();
    } catch {
      if (!res.headersSent) html(res, 400, '');
    }
  });

  const asset = (type: string, body: () => Buffer) => async (_req: restify.Request, res: restify.Response) => {
    const b = body();
    res.writeHead(200, { ...GUARD_HEADERS, 'cache-control': 'public, max-age=86400', 'content-type': type, 'content-length': String(b.length) });
    res.end(b);
  };
  server.get('/staff/chart.js', asset('text/javascript; charset=utf-8', () => (chart ??= readFileSync(CHART_BUNDLE))));
  server.get('/staff/staff.js', asset('text/javascript; charset=utf-8', () => script));
  server.get('/staff/staff.css', asset('text/css; charset=utf-8', () => style));
}

/** The login form's body: a few hundred bytes at most. */
function readForm(req: restify.Request): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 4096) { reject(new Error('too large')); req.destroy(); }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

type StaffText = Knowledge['messages']['staff'];

const head = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/staff/staff.css"></head>`;

export function loginPage(m: StaffText): string {
  return `${head(m.title)}<body><main class="login"><h1>${escapeHtml(m.title)}</h1>
<form method="post" action="/staff/login"><label for="token">${escapeHtml(m.tokenLabel)}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(m.signIn)}</button></form></main></body></html>`;
}

interface Row { label: string; values: number[] }
interface Table { id: string; caption: string; columns: string[]; rows: Row[] }

const sumOf = (days: Record<string, Counts>, name: string) => Object.values(days).reduce((t, d) => t + (d[name] ?? 0), 0);

/** The tables the page shows (and the charts draw), from the counters of the days from `from` to `to`. */
export function staffTables(k: Knowledge, days: Record<string, Counts>, from: string, to: string): Table[] {
  const m = k.messages.staff;
  const dates = daysBetween(from, to);
  const perDay: Table = {
    id: 'assessments', caption: m.assessmentsCaption, columns: [m.day, ...URGENCIES.map((u) => k.messages.urgency[u].label)],
    rows: dates.map((d) => ({ label: d, values: URGENCIES.map((u) => days[d]?.[`assessment:${u}`] ?? 0) })),
  };
  const questions = k.questions.filter((q) => Object.values(days).some((d) => d[`reached:${q.id}`]));
  const reached = questions.map((q) => sumOf(days, `reached:${q.id}`));
  const dropOff: Table = {
    id: 'dropoff', caption: m.dropOffCaption, columns: [m.question, m.reached, m.leftHere],
    rows: questions.map((q, i) => ({ label: q.text, values: [reached[i]!, Math.max(0, reached[i]! - (reached[i + 1] ?? sumOf(days, 'finished')))] })),
  };
  const top = (prefix: string, label: (id: string) => string) => Object.entries(
    Object.values(days).flatMap((d) => Object.entries(d)).filter(([n]) => n.startsWith(prefix))
      .reduce<Record<string, number>>((t, [n, c]) => { t[n] = (t[n] ?? 0) + c; return t; }, {}),
  ).sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([n, c]) => ({ label: label(n.slice(prefix.length)), values: [c] }));
  const findingLabel = (rest: string) => {
    const [status, id] = rest.split(':') as [string, string];
    const f = k.findings.get(id as never);
    return `${f?.label ?? id}${status === 'uncertain' ? ` (${m.uncertain})` : ''}`;
  };
  const findings: Table = { id: 'findings', caption: m.findingsCaption, columns: [m.finding, m.assessments], rows: top('finding:', findingLabel) };
  const reasons: Table = {
    id: 'reasons', caption: m.reasonsCaption, columns: [m.reason, m.assessments],
    rows: top('reason:', (id) => k.reasons.find((r) => r.id === id)?.title ?? id),
  };
  return [perDay, dropOff, findings, reasons];
}

export function staffPage(k: Knowledge, days: Record<string, Counts>, from: string, to: string): string {
  const m = k.messages.staff;
  const tables = staffTables(k, days, from, to);
  const totals = [
    [m.started, sumOf(days, 'started')], [m.finished, sumOf(days, 'finished')],
  ] as const;
  const tableHtml = (t: Table) => `<section aria-labelledby="${t.id}-h"><h2 id="${t.id}-h">${escapeHtml(t.caption)}</h2>
<div class="chart" aria-hidden="true"><canvas id="${t.id}-chart"></canvas></div>
${t.rows.length === 0 ? `<p>${escapeHtml(m.none)}</p>` : `<div class="scroll" tabindex="0" role="region" aria-labelledby="${t.id}-h"><table id="${t.id}"><caption>${escapeHtml(t.caption)}</caption>
<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.values.map((v) => `<td>${escapeHtml(shown(v, m.fewerThanFive))}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table></div>`}</section>`;
  // The charts' data: counts below 5 drawn as 0 and labelled "fewer than 5" (the real number never leaves the server).
  const data = {
    fewer: m.fewerThanFive,
    tables: tables.map((t) => ({
      id: t.id, columns: t.columns.slice(1),
      labels: t.rows.map((r) => r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label),
      values: t.rows.map((r) => r.values.map((v) => (v >= SMALL ? v : 0))),
      shown: t.rows.map((r) => r.values.map((v) => shown(v, m.fewerThanFive))),
      stacked: t.id === 'assessments',
    })),
  };
  return `${head(m.title)}<body><main><h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(m.intro.replace('{from}', from).replace('{to}', to))}</p>
<ul class="totals">${totals.map(([l, n]) => `<li>${escapeHtml(l)}: <strong>${escapeHtml(shown(n, m.fewerThanFive))}</strong></li>`).join('')}</ul>
${tables.map(tableHtml).join('\n')}
<script type="application/json" id="staff-data">${JSON.stringify(data).replaceAll('<', '\\u003c')}</script>
<script src="/staff/chart.js"></script><script src="/staff/staff.js"></script></main></body></html>`;
}
