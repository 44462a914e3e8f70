// The app in this process on the chosen store, as the tests run it, with the store it opened: the phases that
// measure what is kept read it back through the store itself (the app has no debug hooks for them).
import { startApp, type RunningApp } from '../src/app.js';
import { createBot } from '../src/bot/create-bot.js';
import { loadSettings } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { AppStorage } from '../src/storage/store.js';
import { LOAD_SETTINGS } from './servers.js';

export interface InProcessApp { app: RunningApp; storage: AppStorage }

export async function startInProcess(env: Record<string, string>): Promise<InProcessApp> {
  const settings = loadSettings({ PORT: '0', HOST: '127.0.0.1', ...LOAD_SETTINGS, ...env });
  let storage: AppStorage | undefined;
  const app = await startApp(settings, {
    log: createLogger({ level: 'error' }),
    // startApp gives the bot the AppStorage it opened; the bot's own type asks only for botbuilder's Storage.
    createBot: (deps) => { storage = deps.storage as AppStorage; return createBot(deps); },
  });
  return { app, storage: storage! };
}
