// CORS for the routes a clinic's own site may call (token, Direct Line): only the origins in ALLOWED_ORIGINS
// get the headers that let a browser read the answer. The bot's own page is same-origin and needs none.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';

const ALLOW_HEADERS = 'authorization, content-type, x-ms-bot-agent, x-requested-with';

export class Cors {
  private readonly allowed: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.allowed = new Set(origins.map((o) => o.toLowerCase()));
  }

  /** Sets the CORS headers when the request comes from an allowed origin. */
  apply(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    if (origin && this.allowed.has(origin.toLowerCase())) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'retry-after');
    }
  }

  /** Answers preflight requests for `path`: 204 with the allowed methods and headers, or 403 for other origins. */
  preflight(server: restify.Server, path: string): void {
    server.opts(path, async (req, res) => {
      const origin = req.headers.origin;
      if (!origin || !this.allowed.has(origin.toLowerCase())) {
        res.writeHead(403, { 'content-length': '0', vary: 'Origin' });
        res.end();
        return;
      }
      this.apply(req, res);
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        'content-length': '0',
      });
      res.end();
    });
  }
}
