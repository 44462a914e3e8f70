// JSON answers written directly, so that restify's content negotiation (Accept headers) never changes the
// format and a string body is never encoded twice.
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, { 'content-length': '0' });
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

/** A client-readable error: `{"error": "..."}`, never a stack trace. */
export function sendJsonError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}
