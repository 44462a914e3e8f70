// Wiring only: settings → app → start-up line, and a clean exit on signals or on a bad configuration.
// The app (restify, botbuilder) is imported only once the settings are valid, so that a bad setting
// prints exactly one line and nothing else.
import { authenticationEnabled, loadSettings, SettingsError } from './config.js';
import { ContentError } from './knowledge/load.js';
import { configureLog, log } from './log.js';
import { LocalAccess } from './server/access.js';
import { StorageError } from './storage/store.js';
import type { RunningApp } from './app.js';

// restify 11 reaches spdy, which touches process.binding('http_parser') on Node 20 (DEP0111): harmless,
// known, and it would break the one-JSON-object-per-line output. Every other warning still shows.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0111') return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

async function main(): Promise<void> {
  const settings = loadSettings();
  configureLog({ level: settings.logLevel, transcripts: settings.logTranscripts });

  // Signal handlers first: a SIGTERM during the seconds of start-up (content, matcher) must still exit 0,
  // and one sent as soon as the start-up line appears must not meet the default "terminate" action.
  let app: RunningApp | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    if (!app) process.exit(0);
    app.close().then(() => process.exit(0), () => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const { startApp } = await import('./app.js');
  app = await startApp(settings);
  if (stopping) {
    await app.close();
    process.exit(0);
  }
  log.info('Second Look is listening', {
    port: app.port,
    url: `${app.url}/api/messages`,
    page: `${app.url}/`,
    authentication: authenticationEnabled(settings)
      ? 'on (MicrosoftAppId set: /api/messages needs a Bot Framework token; channel traffic limited per conversation)'
      : `off (no MicrosoftAppId: /api/messages takes unauthenticated requests from ${new LocalAccess(settings.unauthenticatedFrom).describe()}, and replies only there)`,
    storage: settings.storage,
    transcripts: settings.logTranscripts,
  });
  if (authenticationEnabled(settings) && settings.unauthenticatedFrom.length > 0) {
    log.warn('UNAUTHENTICATED_FROM is ignored: MicrosoftAppId is set, so every request to /api/messages needs a Bot Framework token');
  }
  if (settings.logTranscripts) log.warn('LOG_TRANSCRIPTS is on: what people type is written to the log');
}

// A bad turn is handled by the adapter; this is the last net so that a stray promise cannot end the process.
process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', { err: reason instanceof Error ? reason : new Error(String(reason)) });
});

main().catch((err: unknown) => {
  if (err instanceof SettingsError || err instanceof ContentError || err instanceof StorageError) {
    process.stderr.write(`${err.message.split('\n')[0]}\n`);
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`Cannot start: port already in use (${(err as Error).message})\n`);
  } else {
    process.stderr.write(`Cannot start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
