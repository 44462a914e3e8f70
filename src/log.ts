// Structured JSON logs (pino): one object per line, with the request id and conversation id where known.
// Privacy: what people type is health information. Unless transcripts are switched on, any field that may
// carry it (text, value, attachments, ...) is replaced by a marker, however deeply it is nested.
import { pino, type Logger as Pino } from 'pino';

export type Level = 'error' | 'warn' | 'info' | 'debug';
export type Fields = Record<string, unknown>;

export interface Logger {
  error(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  debug(msg: string, fields?: Fields): void;
  /** True when message text may be logged (LOG_TRANSCRIPTS). */
  readonly transcripts: boolean;
  /** A logger whose every line also carries these fields (request id, conversation id). */
  child(bindings: Fields): Logger;
}

export interface LoggerOptions {
  level?: Level;
  transcripts?: boolean;
  /** Where a finished line goes; by default errors and warnings to stderr, the rest to stdout. */
  write?: (line: string, level: Level) => void;
}

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

const LEVEL_OF_LINE = /"level":"(error|warn|info|debug)"/;

function wrap(p: Pino, transcripts: boolean): Logger {
  const emit = (level: Level) => (msg: string, fields: Fields = {}): void => {
    if (!p.isLevelEnabled(level)) return;
    p[level](redact(fields, transcripts) as Fields, msg);
  };
  return {
    error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug'), transcripts,
    child: (bindings) => wrap(p.child(redact(bindings, transcripts) as Fields), transcripts),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? defaultWrite;
  const p = pino({
    level: options.level ?? 'info',
    base: undefined,                                   // no pid/hostname: not needed, and less to leak
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }, {
    write: (line: string) => write(line.trimEnd(), (LEVEL_OF_LINE.exec(line)?.[1] ?? 'info') as Level),
  });
  return wrap(p, options.transcripts ?? false);
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
  child: (bindings) => current.child(bindings),
};
