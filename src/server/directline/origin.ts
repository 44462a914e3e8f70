// The origin the browser used to reach this server, for the URLs handed back to it (the Direct Line domain, the
// streamUrl). Never dialled by the server, so a forged Host header can only mislead the client that sent it.
import type { IncomingMessage } from 'node:http';

/** http(s)://host; behind a trusted TLS-terminating proxy X-Forwarded-Proto says https. */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim().toLowerCase() : '';
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}
