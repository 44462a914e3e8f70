// The clinic's chat page: GET / and /chat (web/index.html with the clinic's name, colours and disclaimer filled
// in), its own files under /web/, and Microsoft's prebuilt Web Chat bundle from the installed package at
// /webchat.js (no CDN). Content-Security-Policy's frame-ancestors lets only ALLOWED_ORIGINS embed the page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import type { Settings } from '../../config.js';
import { DEFAULT_CONTENT_DIR } from '../../knowledge/load.js';
import type { Messages } from '../../knowledge/schemas.js';
import type { Logger } from '../../log.js';
import { fill } from '../../render/template.js';
import { sendJsonError } from '../respond.js';
import { TOKEN_PATH } from '../directline/token-route.js';

/** web/ sits beside content/ at the package root, whether the code runs from src/ or dist/src/. */
export const WEB_DIR = join(dirname(DEFAULT_CONTENT_DIR), 'web');

/** The full bundle: the minimal one has no Adaptive Cards, and the assessment is a card. */
const WEBCHAT_BUNDLE = join(dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

const STATIC_FILES: Record<string, string> = {
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
  'embed.js': 'text/javascript; charset=utf-8',
};

export type PageSettings = Pick<Settings,
  'clinicName' | 'clinicPhone' | 'emergencyNumber' | 'clinicColor' | 'clinicAccent' | 'allowedOrigins' | 'directLineSecret' | 'directLineEndpoint' | 'directLineWebSocket'>;

interface Asset { type: string; body: Buffer; gzipped?: Promise<Buffer> }

export function registerPage(server: restify.Server, settings: PageSettings, messages: Messages, log: Logger): void {
  // Rendered on first request: test servers built with stand-in content never render it.
  let page: Asset | undefined;
  const pageAsset = () => (page ??= { type: 'text/html; charset=utf-8', body: Buffer.from(renderPage(settings, messages)) });
  const pageHeaders = { 'content-security-policy': contentSecurityPolicy(settings), 'cache-control': 'no-cache' };
  const files = new Map(Object.entries(STATIC_FILES).map(([name, type]) => [name, { type, body: readFileSync(join(WEB_DIR, name)) }]));
  let bundle: Asset | undefined;

  // Awaited by each handler: restify ends a request whose async handler has returned.
  const serve = async (asset: Asset | (() => Asset), req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => {
    try {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      await send(typeof asset === 'function' ? asset() : asset, req, res, headers);
    } catch (err) {
      log.error('could not send a page asset', { err: err as Error });
      sendJsonError(res, 500, 'internal error');
    }
  };

  // Each route answers GET and HEAD alike (a load balancer's probe may use either): for HEAD, Node sends the same
  // status and headers, Content-Length included, and no body.
  const route = (path: string, handler: (req: restify.Request, res: restify.Response) => Promise<void>) => {
    server.get(path, handler);
    server.head(path, handler);
  };
  route('/', async (req, res) => serve(pageAsset, req, res, pageHeaders));
  route('/chat', async (req, res) => serve(pageAsset, req, res, pageHeaders));
  route('/web/:file', async (req, res) => {
    const file = files.get(String(req.params.file));
    if (!file) return sendJsonError(res, 404, 'not found');
    await serve(file, req, res, { 'cache-control': 'public, max-age=300' });
  });
  route('/webchat.js', async (req, res) => {
    // Read on first use (3.9 MB): a server that never shows the page never holds it.
    const asset = () => (bundle ??= { type: 'text/javascript; charset=utf-8', body: readFileSync(WEBCHAT_BUNDLE) });
    await serve(asset, req, res, { 'cache-control': 'public, max-age=86400' });
  });
}

/** Sends the asset, gzipped (compressed once, then kept) when the client accepts it and it is worth it. */
async function send(asset: Asset, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const compress = acceptsGzip && asset.body.length > 1024;
  if (compress) asset.gzipped ??= promisify(gzip)(asset.body);
  const body = compress ? await asset.gzipped! : asset.body;
  res.writeHead(200, {
    ...headers,
    'content-type': asset.type,
    'content-length': String(body.length),
    vary: 'Accept-Encoding',
    ...(compress ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(body);
}

/** Fills web/index.html; every value is escaped for HTML, the config also for a script element. */
export function renderPage(settings: PageSettings, messages: Messages): string {
  const clinic = { clinicName: settings.clinicName, clinicPhone: settings.clinicPhone, emergencyNumber: settings.emergencyNumber };
  const config = {
    tokenUrl: TOKEN_PATH,
    webSocket: settings.directLineWebSocket,
    colours: { primary: settings.clinicColor, accent: settings.clinicAccent },
  };
  const text = (template: string) => escapeHtml(fill(template, clinic));
  // tel: links take the digits (and a leading +) only.
  const emergencyTel = settings.emergencyNumber.replace(/[^\d+]/g, '');
  const { page } = messages;
  const values: Record<string, string> = {
    clinicName: escapeHtml(settings.clinicName),
    clinicColor: settings.clinicColor,
    clinicAccent: settings.clinicAccent,
    subtitle: text(page.subtitle),
    disclaimer: text(messages.disclaimer),
    chatLabel: text(page.chatLabel),
    connecting: text(page.connecting),
    startOver: text(page.startOver),
    conversationEnded: text(page.conversationEnded),
    emergencyLabel: text(messages.urgency.emergency.label),
    urgentLabel: text(messages.urgency.urgent.label),
    callEmergency: text(page.callEmergency),
    connectError: text(page.connectError),
    // The number inside the sentence is a call link; the words around it are escaped text.
    connectErrorHelp: page.connectErrorHelp.split('{emergencyNumber}').map(text)
      .join(`<a href="tel:${emergencyTel}">${escapeHtml(settings.emergencyNumber)}</a>`),
    emergencyTel,
    config: JSON.stringify(config).replaceAll('<', '\\u003c'),
  };
  return readFileSync(join(WEB_DIR, 'index.html'), 'utf8').replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key] ?? '');
}

/**
 * The page loads only its own scripts and styles (Web Chat adds inline styles), talks only to this server or
 * Azure's Direct Line, and may be framed only by this server and the clinic's own sites.
 */
export function contentSecurityPolicy(settings: PageSettings): string {
  const connect = ["'self'"];
  if (settings.directLineSecret) {
    const azure = new URL(settings.directLineEndpoint).origin;
    connect.push(azure, azure.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    `frame-ancestors 'self' ${settings.allowedOrigins.join(' ')}`.trim(),
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const escapeHtml = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
