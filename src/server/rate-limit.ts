// Fixed-window rate limits on the public endpoints: per client address and per conversation. In memory
// and per process (a limit per instance is enough to stop one client flooding one instance); the table is
// swept as it goes, so it cannot grow without bound.
import type { Request, Response } from 'restify';
import { sendJsonError } from './respond.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
  /** Told each time a request is answered 429 over this limit (GET /metrics); its failure is ignored. */
  onRefused?: () => void;
}

interface Window { start: number; count: number }

/** Beyond this many keys, windows that have ended are dropped before adding another. */
const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly rule: RateLimit, private readonly now: () => number = Date.now) {}

  /** Counts one request for `key`; returns the seconds to wait when over the limit, else 0. */
  take(key: string): number {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.rule.windowMs) {
      if (!w && this.windows.size >= MAX_KEYS) this.sweep(t);
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.rule.limit ? Math.max(1, Math.ceil((w.start + this.rule.windowMs - t) / 1000)) : 0;
  }

  /** The seconds to wait when `key` is already over the limit, else 0; counts nothing. */
  waiting(key: string): number {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.rule.windowMs || w.count < this.rule.limit) return 0;
    return Math.max(1, Math.ceil((w.start + this.rule.windowMs - t) / 1000));
  }

  /** A request was answered 429 over this limit. */
  refused(): void {
    try { this.rule.onRefused?.(); } catch { /* a count only: the answer stands */ }
  }

  private sweep(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.rule.windowMs) this.windows.delete(key);
    // Still full of live windows (a flood of distinct keys): forget the oldest rather than grow.
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}

/** The client's address: the socket's peer, or the first X-Forwarded-For hop when behind a trusted proxy. */
export function clientAddress(req: Request, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0]!.trim();
  return req.socket.remoteAddress ?? 'unknown';
}

/** Answers 429 with Retry-After and returns true when `key` is over its limit (counting this request). */
export function refuseIfLimited(limiter: RateLimiter, key: string, res: Response): boolean {
  return refuseWithWait(limiter.take(key), res, limiter);
}

/**
 * Answers 429 with Retry-After when `wait` (seconds, from take or waiting) is not 0; returns whether it did.
 * `limiter`, the limit that said so, hears of the refusal (it is counted).
 */
export function refuseWithWait(wait: number, res: Response, limiter?: RateLimiter): boolean {
  if (wait === 0) return false;
  limiter?.refused();
  res.header('Retry-After', String(wait));
  sendJsonError(res, 429, 'too many requests: please wait a moment and try again');
  return true;
}
