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
 * Reads the whole body up to `limit` bytes and parses it as JSON. Past the limit the rest is read and
 * dropped (so the client gets its 413 rather than a reset connection), up to a hard cap after which the
 * request is destroyed.
 */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(415, 'content type must be application/json');
  }
  const declared = Number(req.headers['content-length']);
  const hardCap = limit * 8;
  if (Number.isFinite(declared) && declared > hardCap) {
    req.destroy();
    return refuse(413, `body larger than ${limit} bytes`);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > hardCap) {
        req.destroy();
        break;
      }
      if (size <= limit) chunks.push(buf);
    }
  } catch {
    return refuse(400, 'request body could not be read');
  }
  if (size > limit) return refuse(413, `body larger than ${limit} bytes`);

  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return refuse(400, 'empty body: expected a JSON activity');
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return refuse(400, 'malformed JSON');
  }
}
