// Test helpers: the real app in-process on a free loopback port (scripts/lib/local-app.ts), and the client that
// speaks the Bot Framework protocol with expectReplies (scripts/lib/bot-client.ts, shared with the bench, the
// soak and `npm run eval`). Nothing here reaches beyond 127.0.0.1.
import type { AppOptions } from '../../src/app.js';
import { startLocalApp, type LocalApp } from '../../scripts/lib/local-app.js';

export { conversation, postActivity, postRaw, type Activity, type Conversation, type RawResponse } from '../../scripts/lib/bot-client.js';

export type TestServer = LocalApp;

/**
 * Starts the real app with the real content/ on 127.0.0.1 and a free port (rate limits lifted: every test client
 * shares one address; memory storage unless `env` says otherwise). `env` overrides settings (not read from process.env).
 */
export function startTestServer(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestServer> {
  return startLocalApp(env, options);
}
