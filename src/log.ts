// A tiny structured logger: one JSON object per line. Small on purpose, so pino can replace it later.
// Privacy: what people type is health information. Unless transcripts are switched on, any field that may
// carry it (text, value, attachments, ...) is replaced by a marker, however deeply it is nested.

export type Level = 'error' | 'warn' | 'info' | 'debug';
export type Fields = Record<string, unknown>;

export interface Logger {
  error(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  debug(msg: string, fields?: Fields): void;
  /** True when message text may be logged (LOG_TRANSCRIPTS). */
  readonly transcripts: boolean;
}

export interface LoggerOptions {
  level?: Level;
  transcripts?: boolean;
  /** Where a finished line goes; by default errors and warnings to stderr, the rest to stdout. */
  write?: (line: string, level: Level) => void;
}

const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Keys whose values may hold what a person wrote (activity fields and card submissions). */
const PERSONAL_KEYS = new Set(['text', 'speak', 'value', 'attachments', 'summary', 'body', 'activity', 'activities', 'entities']);

const defaultWrite = (line: string, level: Level): void => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

function errorFields(err: Error): Fields {
  // Stacks belong in the log (never in HTTP answers). Error messages come from code, so they are kept;
  // code must not put what a person wrote into an error message.
  return { name: err.name, message: err.message, stack: err.stack };
}

function redact(value: unknown, transcripts: boolean, depth = 0): unknown {
  if (value instanceof Error) value = errorFields(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, transcripts, depth + 1));
  const out: Fields = {};
  for (const [key, v] of Object.entries(value as Fields)) {
    out[key] = !transcripts && PERSONAL_KEYS.has(key) && v !== undefined ? '[redacted]' : redact(v, transcripts, depth + 1);
  }
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const transcripts = options.transcripts ?? false;
  const write = options.write ?? defaultWrite;
  const emit = (level: Level) => (msg: string, fields: Fields = {}): void => {
    if (RANK[level] > threshold) return;
    const safe = redact(fields, transcripts) as Fields;
    let line: string;
    try {
      line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...safe });
    } catch {
      line = JSON.stringify({ level, time: new Date().toISOString(), msg, fields: '[unserialisable]' });
    }
    write(line, level);
  };
  return { error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug'), transcripts };
}

let current: Logger = createLogger();

/** Replace the process-wide logger (index.ts does so once the settings are known). */
export function configureLog(options: LoggerOptions): Logger {
  current = createLogger(options);
  return current;
}

/** The process-wide logger; it delegates so that modules may import it before it is configured. */
export const log: Logger = {
  error: (msg, fields) => current.error(msg, fields),
  warn: (msg, fields) => current.warn(msg, fields),
  info: (msg, fields) => current.info(msg, fields),
  debug: (msg, fields) => current.debug(msg, fields),
  get transcripts() { return current.transcripts; },
};
