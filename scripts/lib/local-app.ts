// The real app in this process on 127.0.0.1 and a free port, with the real content/ (a content error fails
// start-up), memory storage unless told otherwise, rate limits lifted (every local client shares one address),
// and every log line kept in memory instead of printed. The tests' startTestServer and `npm run eval` use it.
import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createLogger } from '../../src/log.js';

export interface LocalApp extends RunningApp {
  /** Every log line the app wrote (JSON strings). */
  logs: string[];
}

/** `env` overrides the settings (process.env is not read). */
export async function startLocalApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<LocalApp> {
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', STORAGE: 'memory', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_CONVERSATION: '1000000', RATE_LIMIT_PER_CHANNEL_ADDRESS: '10000000', ...env });
  const logs: string[] = [];
  const log = createLogger({ level: settings.logLevel, transcripts: settings.logTranscripts, write: (line) => { logs.push(line); } });
  const app = await startApp(settings, { knowledge: loadKnowledge(), log, ...options });
  return { ...app, logs };
}
