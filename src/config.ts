// Every setting is an environment variable, validated here once so the rest of the code reads typed values.
import { existsSync } from 'node:fs';
import { z } from 'zod';

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

const EnvSchema = z.object({
  PORT: integer(0, 65535, 3978),
  HOST: text('0.0.0.0'),
  MicrosoftAppId: opt(z.string().trim().optional()),
  MicrosoftAppPassword: opt(z.string().optional()),
  MicrosoftAppType: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
    error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
  }).optional().default('MultiTenant')),
  MicrosoftAppTenantId: opt(z.string().trim().optional()),
  // Digits, optionally with a leading + and spaces or dashes: 911, 112, 999, 000, +44 20 ...
  EMERGENCY_NUMBER: opt(z.string().trim()
    .regex(/^\+?\d[\d -]{0,18}$/, { error: 'must be a phone number made of digits, e.g. 911 or 112' })
    .optional().default('911')),
  CLINIC_NAME: text('our clinic'),
  // Read inside sentences such as "call {clinicName} at {clinicPhone}", so the default must read well there.
  CLINIC_PHONE: text("the clinic's usual phone number"),
  // Only memory so far; sqlite/redis join this enum when their storage lands.
  STORAGE: opt(z.enum(['memory'], { error: 'must be memory (the only storage available so far)' })
    .optional().default('memory')),
  CONVERSATION_TTL: integer(60, 31_536_000, 86_400),
  LOG_LEVEL: opt(z.enum(['error', 'warn', 'info', 'debug'], { error: 'must be error, warn, info or debug' })
    .optional().default('info')),
  LOG_TRANSCRIPTS: boolean(false),
  MAX_MESSAGE_CHARS: integer(1, 1_000_000, 5000),
}).superRefine((env, ctx) => {
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
  emergencyNumber: e.EMERGENCY_NUMBER,
  clinicName: e.CLINIC_NAME,
  clinicPhone: e.CLINIC_PHONE,
  storage: e.STORAGE,
  conversationTtl: e.CONVERSATION_TTL,
  logLevel: e.LOG_LEVEL,
  logTranscripts: e.LOG_TRANSCRIPTS,
  maxMessageChars: e.MAX_MESSAGE_CHARS,
}));

export type Settings = z.infer<typeof SettingsSchema>;

// Values of these are never echoed back in an error line.
const SECRET = new Set(['MicrosoftAppPassword']);

export interface LoadOptions {
  /** The .env file to read when present; false to skip. Read by default only for process.env itself. */
  envFile?: string | false;
}

/**
 * The settings from the environment. A `.env` file, when present, fills in variables not already set
 * (real environment variables win). Throws a SettingsError whose message is one line.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Settings {
  const envFile = options.envFile ?? (env === process.env ? '.env' : false);
  if (envFile && existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (err) {
      throw new SettingsError(envFile, `could not be read (${(err as Error).message.split('\n')[0]})`);
    }
  }
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
