// Every setting is an environment variable, validated here once so the rest of the code reads typed values.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseAddressRange } from './server/access.js';

/** A bad setting: the message is one line naming the variable and what is wrong. */
export class SettingsError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid setting ${variable}: ${detail}`);
    this.name = 'SettingsError';
  }
}

// An empty value (e.g. `MicrosoftAppId=` copied from .env.example) means "not set", so defaults apply.
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema);

const integer = (min: number, max: number, fallback: number) => opt(
  z.string().trim()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }))
    .default(fallback),
);

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];
const boolean = (fallback: boolean) => opt(
  z.string().trim().toLowerCase()
    .refine((v) => TRUE.includes(v) || FALSE.includes(v), { error: 'must be true or false' })
    .transform((v) => TRUE.includes(v))
    .default(fallback),
);

const text = (fallback: string) => opt(z.string().trim().optional().default(fallback));

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// The page puts white text on CLINIC_COLOR and dark text (#1a1a1a) on CLINIC_ACCENT: both must stay readable
// (WCAG AA, 4.5:1), so a clinic cannot pick colours that lock people with low vision out.
const colour = (fallback: string, against: string, what: string) => opt(z.string().trim().toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, { error: 'must be a colour written #rrggbb, e.g. #1f5f8b' })
  .refine((c) => contrastRatio(c, against) >= 4.5, { error: `must leave ${what} readable (contrast at least 4.5:1)` })
  .optional().default(fallback));

// Web origins (scheme://host[:port], no path), comma-separated.
const origins = opt(z.string().trim()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s,]+$/, { error: 'must be origins like https://www.myclinic.example, comma-separated, no paths' })))
  .optional().default([]));

// Address ranges (CIDR, IPv4 or IPv6), comma-separated; each normalised to address/prefix.
const addressRanges = opt(z.string().trim()
  .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
  .superRefine((ranges, ctx) => {
    const bad = ranges.find((r) => parseAddressRange(r) === undefined);
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `must be address ranges (CIDR) like 10.0.0.0/8,fd00::/8, comma-separated: "${bad}" is not one` });
    }
  })
  .transform((ranges) => ranges.map((r) => parseAddressRange(r)!))
  .optional().default([]));

const EnvSchema = z.object({
  PORT: integer(0, 65535, 3978),
  HOST: text('0.0.0.0'),
  MicrosoftAppId: opt(z.string().trim().optional()),
  MicrosoftAppPassword: opt(z.string().optional()),
  MicrosoftAppType: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
    error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
  }).optional().default('MultiTenant')),
  MicrosoftAppTenantId: opt(z.string().trim().optional()),
  // Without MicrosoftAppId, /api/messages serves loopback only; these ranges (a lab network) may use it too.
  UNAUTHENTICATED_FROM: addressRanges,
  // Digits, optionally with a leading + and spaces or dashes: 911, 112, 999, 000, +44 20 ...
  EMERGENCY_NUMBER: opt(z.string().trim()
    .regex(/^\+?\d[\d -]{0,18}$/, { error: 'must be a phone number made of digits, e.g. 911 or 112' })
    .optional().default('911')),
  CLINIC_NAME: text('our clinic'),
  // Read inside sentences such as "call {clinicName} at {clinicPhone}", so the default must read well there.
  CLINIC_PHONE: text("the clinic's usual phone number"),
  CLINIC_COLOR: colour('#1f5f8b', '#ffffff', 'white text on it'),
  CLINIC_ACCENT: colour('#eef4f8', '#1a1a1a', 'dark text on it'),
  // The clinic's own sites that may embed the chat page and call the token and Direct Line routes.
  ALLOWED_ORIGINS: origins,
  DIRECT_LINE_SECRET: opt(z.string().trim().optional()),
  DIRECT_LINE_ENDPOINT: opt(z.string().trim()
    .regex(/^https?:\/\/\S+$/, { error: 'must be an http(s) URL, e.g. https://directline.botframework.com/v3/directline' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional().default('https://directline.botframework.com/v3/directline')),
  DIRECT_LINE_TOKEN_SECRET: opt(z.string().min(32, { error: 'must be at least 32 characters (e.g. openssl rand -hex 32)' }).optional()),
  // Live replies over WebSocket (Direct Line's streamUrl); false keeps the page on polling (a proxy without upgrades).
  DIRECT_LINE_WEBSOCKET: boolean(true),
  // sqlite by default: conversations survive a restart with nothing to set up (see src/storage/).
  STORAGE: opt(z.enum(['memory', 'sqlite', 'redis', 'cosmos'], { error: 'must be memory, sqlite, redis or cosmos' })
    .optional().default('sqlite')),
  // Relative paths are taken from the package folder (where package.json is), whatever the working folder.
  SQLITE_PATH: text('data/second-look.db'),
  REDIS_URL: opt(z.string().trim()
    .regex(/^rediss?:\/\/\S+$/, { error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional().default('redis://127.0.0.1:6379')),
  COSMOS_DB_ENDPOINT: opt(z.string().trim()
    .regex(/^https:\/\/\S+$/, { error: 'must be an https:// URL, e.g. https://myaccount.documents.azure.com:443/' })
    .optional()),
  COSMOS_DB_AUTH_KEY: opt(z.string().trim().optional()),
  COSMOS_DB_DATABASE_ID: opt(z.string().trim().optional()),
  COSMOS_DB_CONTAINER_ID: opt(z.string().trim().optional()),
  CONVERSATION_TTL: integer(60, 31_536_000, 86_400),
  LOG_LEVEL: opt(z.enum(['error', 'warn', 'info', 'debug'], { error: 'must be error, warn, info or debug' })
    .optional().default('info')),
  LOG_TRANSCRIPTS: boolean(false),
  MAX_MESSAGE_CHARS: integer(1, 1_000_000, 5000),
  RATE_LIMIT_PER_ADDRESS: integer(1, 1_000_000, 1200),
  RATE_LIMIT_PER_CONVERSATION: integer(1, 1_000_000, 60),
  // Azure's connector addresses carry every Teams and Slack user's messages: a limit of their own, far higher.
  RATE_LIMIT_PER_CHANNEL_ADDRESS: integer(1, 10_000_000, 20_000),
  TRUST_PROXY: boolean(false),
  // GET /metrics on the main port, for a scraper sending `Authorization: Bearer <METRICS_TOKEN>`; off when empty.
  METRICS_TOKEN: opt(z.string().trim()
    .min(16, { error: 'must be at least 16 characters (e.g. openssl rand -hex 32)' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable characters without spaces (e.g. openssl rand -hex 32)' })
    .optional()),
  // The staff page (/staff) for a browser signing in with this token, or `Authorization: Bearer`; off when empty.
  STAFF_TOKEN: opt(z.string().trim()
    .min(16, { error: 'must be at least 16 characters (e.g. openssl rand -hex 32)' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable characters without spaces (e.g. openssl rand -hex 32)' })
    .optional()),
  // Days the daily usage counters are kept (the staff page shows the last 30).
  STATS_RETENTION_DAYS: integer(1, 3650, 90),
  // GET /metrics without a token on this port of 127.0.0.1 only (0 picks a free one); off when empty.
  METRICS_PORT: opt(z.string().trim()
    .regex(/^\d+$/, { error: 'must be a whole number from 0 to 65535' })
    .transform(Number)
    .pipe(z.number().int().max(65535, { error: 'must be at most 65535' }))
    .optional()),
}).superRefine((env, ctx) => {
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT (it is a second listener, on 127.0.0.1 only)' });
  }
  if (env.STORAGE === 'cosmos') {
    for (const variable of ['COSMOS_DB_ENDPOINT', 'COSMOS_DB_AUTH_KEY', 'COSMOS_DB_DATABASE_ID', 'COSMOS_DB_CONTAINER_ID'] as const) {
      if (!env[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: 'is required when STORAGE is cosmos' });
    }
  }
  const type = env.MicrosoftAppType;
  if (type === 'SingleTenant' && !env.MicrosoftAppTenantId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
  }
  if (type === 'UserAssignedMSI' && !env.MicrosoftAppId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'is required when MicrosoftAppType is UserAssignedMSI' });
  }
  if (type === 'UserAssignedMSI' && env.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'must be empty when MicrosoftAppType is UserAssignedMSI' });
  }
  if (env.MicrosoftAppId && type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: `is required when MicrosoftAppId is set (MicrosoftAppType ${type})` });
  }
});

const SettingsSchema = EnvSchema.transform((e) => ({
  port: e.PORT,
  host: e.HOST,
  microsoftAppId: e.MicrosoftAppId,
  microsoftAppPassword: e.MicrosoftAppPassword,
  microsoftAppType: e.MicrosoftAppType,
  microsoftAppTenantId: e.MicrosoftAppTenantId,
  unauthenticatedFrom: e.UNAUTHENTICATED_FROM,
  emergencyNumber: e.EMERGENCY_NUMBER,
  clinicName: e.CLINIC_NAME,
  clinicPhone: e.CLINIC_PHONE,
  clinicColor: e.CLINIC_COLOR,
  clinicAccent: e.CLINIC_ACCENT,
  allowedOrigins: e.ALLOWED_ORIGINS,
  directLineSecret: e.DIRECT_LINE_SECRET,
  directLineEndpoint: e.DIRECT_LINE_ENDPOINT,
  directLineTokenSecret: e.DIRECT_LINE_TOKEN_SECRET,
  directLineWebSocket: e.DIRECT_LINE_WEBSOCKET,
  storage: e.STORAGE,
  sqlitePath: e.SQLITE_PATH,
  redisUrl: e.REDIS_URL,
  cosmosDbEndpoint: e.COSMOS_DB_ENDPOINT,
  cosmosDbAuthKey: e.COSMOS_DB_AUTH_KEY,
  cosmosDbDatabaseId: e.COSMOS_DB_DATABASE_ID,
  cosmosDbContainerId: e.COSMOS_DB_CONTAINER_ID,
  conversationTtl: e.CONVERSATION_TTL,
  logLevel: e.LOG_LEVEL,
  logTranscripts: e.LOG_TRANSCRIPTS,
  maxMessageChars: e.MAX_MESSAGE_CHARS,
  rateLimitPerAddress: e.RATE_LIMIT_PER_ADDRESS,
  rateLimitPerConversation: e.RATE_LIMIT_PER_CONVERSATION,
  rateLimitPerChannelAddress: e.RATE_LIMIT_PER_CHANNEL_ADDRESS,
  trustProxy: e.TRUST_PROXY,
  metricsToken: e.METRICS_TOKEN,
  metricsPort: e.METRICS_PORT,
  statsRetentionDays: e.STATS_RETENTION_DAYS,
  staffToken: e.STAFF_TOKEN,
}));

export type Settings = z.infer<typeof SettingsSchema>;

// Values of these are never echoed back in an error line.
// REDIS_URL may carry a password (redis://:secret@host).
const SECRET = new Set(['MicrosoftAppPassword', 'REDIS_URL', 'COSMOS_DB_AUTH_KEY', 'DIRECT_LINE_SECRET', 'DIRECT_LINE_TOKEN_SECRET', 'METRICS_TOKEN', 'STAFF_TOKEN']);

export interface LoadOptions {
  /** The .env file to read when present; false to skip. Read by default only for process.env itself. */
  envFile?: string | false;
}

/**
 * Fills process.env from `envFile` when it exists, leaving variables already set alone. Throws a SettingsError
 * (one line) when the file cannot be read. For tools that need one or two variables, not the whole validation.
 */
export function readEnvFile(envFile = '.env'): void {
  if (!existsSync(envFile)) return;
  try {
    process.loadEnvFile(envFile);
  } catch (err) {
    throw new SettingsError(envFile, `could not be read (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * The settings from the environment. A `.env` file, when present, fills in variables not already set
 * (real environment variables win). Throws a SettingsError whose message is one line.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Settings {
  const envFile = options.envFile ?? (env === process.env ? '.env' : false);
  if (envFile) readEnvFile(envFile);
  const result = SettingsSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  const raw = env[variable];
  const got = raw === undefined || SECRET.has(variable) ? '' : ` (got ${JSON.stringify(raw)})`;
  throw new SettingsError(variable, `${issue.message}${got}`.replace(/\s*\n\s*/g, ' '));
}

/** True when inbound requests must carry a valid Bot Framework token. */
export const authenticationEnabled = (s: Settings): boolean => Boolean(s.microsoftAppId);
