// Test helpers: the real app in-process on a free loopback port, and a client that speaks the Bot Framework
// protocol with deliveryMode "expectReplies", so replies come back in the HTTP body and the serviceUrl
// (a closed loopback port) is never dialled. Nothing here reaches beyond 127.0.0.1.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { DEFAULT_CONTENT_DIR, loadKnowledge, type Knowledge } from '../../src/knowledge/load.js';
import { createLogger } from '../../src/log.js';

export interface Activity {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface TestServer extends RunningApp {
  /** Every log line the app wrote (JSON strings), kept in memory instead of printed. */
  logs: string[];
}

const CONTENT_FILES = ['findings', 'questions', 'reasons', 'next-steps', 'glossary', 'messages', 'lexicon'];

/**
 * Until content/ is complete (it is being written in parallel) the app gets a minimal stand-in; once every
 * content file is there, the real knowledge is loaded and any content error fails the tests.
 */
function testKnowledge(): Knowledge {
  if (CONTENT_FILES.every((f) => existsSync(join(DEFAULT_CONTENT_DIR, `${f}.yaml`)))) return loadKnowledge();
  return {
    findings: new Map(), questions: [], reasons: [], nextSteps: [], glossary: [],
    messages: { turnError: 'Sorry, something went wrong on my side. Please try again.' },
    lexicon: {},
  } as unknown as Knowledge;
}

/** Starts the real app on 127.0.0.1 and a free port (rate limits lifted: every test client shares one address). `env` overrides settings (not read from process.env). */
export async function startTestServer(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestServer> {
  // Memory storage unless a test asks for another: suites not about storage leave no files or servers behind.
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', STORAGE: 'memory', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000', ...env });
  const logs: string[] = [];
  const log = createLogger({ level: settings.logLevel, transcripts: settings.logTranscripts, write: (line) => { logs.push(line); } });
  const app = await startApp(settings, { knowledge: testKnowledge(), log, ...options });
  return { ...app, logs };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
}

/** POSTs any body (object → JSON, string → as is) to /api/messages. */
export async function postRaw(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<RawResponse> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, json, text };
}

/** Sends one activity with expectReplies and returns the replies; throws on any status but 200. */
export async function postActivity(url: string, activity: Record<string, unknown>): Promise<Activity[]> {
  const res = await postRaw(url, { ...activity, deliveryMode: 'expectReplies' });
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${res.text}`);
  const activities = (res.json as { activities?: Activity[] } | undefined)?.activities;
  if (!Array.isArray(activities)) throw new Error(`no activities array in the reply: ${res.text}`);
  return activities;
}

export interface Conversation {
  id: string;
  /** The base of every activity this conversation sends (channel, ids, serviceUrl). */
  base(): Record<string, unknown>;
  /** conversationUpdate adding the user: the conversation's start. */
  start(): Promise<Activity[]>;
  /** A message with this text. */
  say(text: string): Promise<Activity[]>;
  /** Any activity: fields given override the base (type defaults to message). */
  send(fields: Record<string, unknown>): Promise<Activity[]>;
}

const BOT = { id: 'second-look-bot', name: 'Second Look' };

/** A fresh Emulator-style conversation against the server at `url`. */
export function conversation(url: string): Conversation {
  const id = `test-${randomUUID()}`;
  const user = { id: `user-${randomUUID()}`, name: 'Test User', role: 'user' };
  const base = (): Record<string, unknown> => ({
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id },
    from: user,
    recipient: BOT,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  });
  const send = (fields: Record<string, unknown>) => postActivity(url, { ...base(), type: 'message', ...fields });
  return {
    id,
    base,
    start: () => send({ type: 'conversationUpdate', membersAdded: [user, BOT] }),
    say: (text) => send({ text, textFormat: 'plain' }),
    send,
  };
}
