// Shared by the Direct Line suites: a token from the page's token route, and raw calls to the endpoint.
import { expect } from 'chai';

export interface TokenAnswer { token: string; domain: string }

export async function getToken(url: string, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await fetch(`${url}/api/directline/token`, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) });
  expect(res.status, await res.clone().text()).to.equal(200);
  return await res.json() as TokenAnswer;
}

export interface Answer { status: number; json: unknown; headers: Headers }

/** One call to the Direct Line endpoint: object bodies as JSON, strings as they are. */
export async function call(url: string, method: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, json, headers: res.headers };
}

/** Starts a conversation with a fresh token; returns its id and the token to use. */
export async function startConversation(url: string): Promise<{ domain: string; id: string; token: string }> {
  const { token, domain } = await getToken(url);
  const res = await call(`${domain}/conversations`, 'POST', token);
  expect(res.status).to.equal(201);
  const { conversationId, token: next } = res.json as { conversationId: string; token: string };
  return { domain, id: conversationId, token: next };
}

export interface PageActivity { id: string; type: string; text?: string; replyToId?: string; from: { role?: string }; channelData?: { triage?: { urgency: string } } }

/**
 * The page's side of a conversation over plain REST calls, so a suite can send each call wherever it likes:
 * `say` posts, then reads from the last watermark; `seen` is everything read so far, in order.
 */
export class PageSession {
  readonly seen: PageActivity[] = [];
  private watermark = '';

  constructor(private readonly domain: () => string, readonly id: string, public token: string) {}

  /** Reads what is new since the last read. */
  async read(): Promise<PageActivity[]> {
    const res = await call(`${this.domain()}/conversations/${this.id}/activities?watermark=${this.watermark}`, 'GET', this.token);
    expect(res.status, JSON.stringify(res.json)).to.equal(200);
    const page = res.json as { activities: PageActivity[]; watermark: string };
    this.watermark = page.watermark;
    this.seen.push(...page.activities);
    return page.activities;
  }

  /** Posts a message and returns the bot's replies to it (the post answers once the turn is done). */
  async say(text: string): Promise<PageActivity[]> {
    const res = await call(`${this.domain()}/conversations/${this.id}/activities`, 'POST', this.token, { type: 'message', text });
    expect(res.status, JSON.stringify(res.json)).to.equal(200);
    const { id } = res.json as { id: string };
    await this.read();
    return this.seen.filter((a) => a.replyToId === id);
  }

  /** The last thing the bot asked. */
  lastQuestion(): string {
    return this.seen.filter((a) => a.from.role === 'bot' && a.type === 'message' && a.text).at(-1)?.text ?? '';
  }
}

/** A transcript as the page showed it, one line per message, for the suites to print. */
export const transcript = (activities: PageActivity[]): string => activities
  .filter((a) => a.type === 'message')
  .map((a) => `${a.from.role === 'bot' ? '  bot' : '  you'}: ${(a.text ?? (a.channelData?.triage ? '[assessment card]' : '[card]')).replace(/\s+/g, ' ').slice(0, 90)}`)
  .join('\n');

/** Ids in the order read: strictly increasing means in order and nothing twice. */
export function expectInOrderOnce(activities: PageActivity[]): void {
  const ids = activities.map((a) => a.id);
  expect(new Set(ids).size, 'no activity twice').to.equal(ids.length);
  expect(ids, 'in order').to.deep.equal([...ids].sort());
}
