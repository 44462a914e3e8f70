// The page's side of the built-in Direct Line over its REST calls, as Web Chat makes them when polling: a token
// from the page's token route, start the conversation, then post each message and read what is new since the
// last watermark. A LiveDialogue is played over it, so the bench's patients talk to the bot the page's way.
import type { Activity } from '../scripts/lib/bot-client.js';
import type { LiveDialogue } from './dialogue.js';

const TIMEOUT_MS = 15_000;

async function call(url: string, method: 'GET' | 'POST', token?: string, body?: object): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 120)}`);
  return text ? JSON.parse(text) : undefined;
}

const fromBot = (a: Activity): boolean => (a.from as { role?: string } | undefined)?.role === 'bot';

export class DirectLineSession {
  private watermark = '';

  private constructor(private readonly domain: string, readonly conversationId: string, private readonly token: string) {}

  /** Starts a conversation; the server runs its conversationUpdate turn (the greeting) before answering. */
  static async start(origin: string): Promise<DirectLineSession> {
    const { token, domain } = await call(`${origin}/api/directline/token`, 'POST') as { token: string; domain: string };
    const started = await call(`${domain}/conversations`, 'POST', token) as { conversationId: string; token: string };
    return new DirectLineSession(domain, started.conversationId, started.token);
  }

  /** The bot's activities kept since the last read (the echoes of our own messages left out). */
  async replies(): Promise<Activity[]> {
    const url = `${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities?watermark=${this.watermark}`;
    const page = await call(url, 'GET', this.token) as { activities: Activity[]; watermark: string };
    this.watermark = page.watermark;
    return page.activities.filter(fromBot);
  }

  /** Posts a message and returns the bot's replies to it (the post answers once its turn is done). */
  async say(text: string): Promise<Activity[]> {
    await call(`${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities`, 'POST', this.token, { type: 'message', text });
    return this.replies();
  }
}

/**
 * Plays the dialogue to its end: its first activity, the conversationUpdate, is the start (Direct Line sends it
 * to the bot by itself), and each message after it one post. Returns the conversation and the first problem.
 */
export async function playOverDirectLine(origin: string, dialogue: LiveDialogue): Promise<{ conversationId?: string; problem?: string }> {
  let session: DirectLineSession | undefined;
  try {
    dialogue.next();
    session = await DirectLineSession.start(origin);
    let problem = dialogue.read(await session.replies());
    while (!problem && !dialogue.finished) {
      const { text } = JSON.parse(dialogue.next()) as Activity;
      problem = dialogue.read(await session.say(text ?? ''));
    }
    return { conversationId: session.conversationId, problem };
  } catch (err) {
    return { conversationId: session?.conversationId, problem: (err as Error).message };
  }
}
