// Reads and checks the body of POST /api/messages before the adapter sees it, so that every client mistake
// gets a clear 4xx (the SDK answers 500 to some of them) and no request can make the process hold a huge body.
import type { IncomingMessage } from 'node:http';

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** A request the server refuses: the HTTP status and a short reason for the JSON error body. */
export interface Refusal { status: number; error: string }

export type BodyResult = { ok: true; value: unknown } | ({ ok: false } & Refusal);

const refuse = (status: number, error: string): BodyResult => ({ ok: false, status, error });

/** application/json or a +json type, with any parameters (charset) after the semicolon. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads the whole body up to `limit` bytes and parses it as JSON. A body over the limit is refused as soon as that
 * is known, and the rest is read and dropped rather than the connection reset: a client that sends the whole body
 * without waiting for `100 Continue` (Node's fetch) then still reads its 413. The server's request timeout bounds
 * how long an endless body is read.
 */
export function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  if (!isJsonContentType(req.headers['content-type'])) {
    req.resume();
    return Promise.resolve(refuse(415, 'content type must be application/json'));
  }
  const tooLarge = refuse(413, `body larger than ${limit} bytes`);
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      const wasWithin = size <= limit;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (wasWithin) {
        // Answered now; what follows is read and dropped.
        chunks.length = 0;
        resolve(tooLarge);
      }
    });
    req.once('error', () => resolve(refuse(400, 'request body could not be read')));
    req.once('end', () => resolve(size > limit ? tooLarge : parse(Buffer.concat(chunks).toString('utf8'))));
  });
}

function parse(raw: string): BodyResult {
  if (raw.trim() === '') return refuse(400, 'empty body: expected a JSON activity');
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return refuse(400, 'malformed JSON');
  }
}
