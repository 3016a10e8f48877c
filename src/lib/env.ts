// The only module that reads process.env: validates configuration once and stops start-up with a
// message naming the variable when it is wrong (see README "Production configuration"). Server-only:
// it holds the secrets, so a client component that imports it fails the build.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATABASE_POOL_MAX_DEFAULT } from './database-pool';

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: positiveInt(DATABASE_POOL_MAX_DEFAULT),
  DATA_DIR: z.string().min(1).default('.data'),
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  PORT: positiveInt(3000),
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Token buckets (ADR 0013): N per window, refilled continuously at N/window.
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(15 * 60),
  RATE_LIMIT_LOGIN_PER_EMAIL: positiveInt(10),
  RATE_LIMIT_LOGIN_PER_EMAIL_TOTAL: positiveInt(100),
  RATE_LIMIT_ADDRESS_WINDOW_SECONDS: positiveInt(5 * 60),
  RATE_LIMIT_LOGIN_PER_ADDRESS: positiveInt(30),
  RATE_LIMIT_REGISTER_PER_ADDRESS: positiveInt(30),
  // Account recovery (ADR 0014): reset links asked for one email per hour, reset requests and
  // attempts per address per RATE_LIMIT_ADDRESS_WINDOW_SECONDS, verification links per account per hour.
  RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: positiveInt(3),
  RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS: positiveInt(10),
  RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR: positiveInt(3),
  RATE_LIMIT_UPLOAD_URLS_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_PHOTO_SAVES_PER_MINUTE: positiveInt(20),
  RATE_LIMIT_PETS_PER_HOUR: positiveInt(100),
  // What one account may hold (ADR 0013).
  MAX_PETS_PER_ACCOUNT: positiveInt(1000),
  STORAGE_QUOTA_BYTES: positiveInt(1024 ** 3),
  // Sessions: extended on use up to this age from sign-in, then over (ADR 0013).
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(30),
  // Object storage (src/storage): local disk under DATA_DIR by default, any S3-compatible store with 's3'.
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 chars: a-z, 0-9, dot, hyphen)')
    .default('pet-images'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool({ error: 'must be true or false' }).default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Mail (src/mail): SMTP when set, otherwise the outbox folder in DATA_DIR (ADR 0012).
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587' })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^([^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      'must be an address, e.g. Pawprint <pets@example.com>',
    )
    .optional(),
  // Where mail goes: 'smtp' (SMTP_URL) or 'outbox' (files in DATA_DIR/outbox). Unset: smtp when SMTP_URL
  // is set, else the outbox — which production with DATABASE_URL refuses unless chosen here (ADR 0023).
  MAIL_TRANSPORT: z.enum(['smtp', 'outbox'], { error: 'must be smtp or outbox' }).optional(),
  // The mail budget of one recipient address (ADR 0022): messages per hour and per day, smaller while
  // no account has verified the address. Mail over it is dropped and recorded.
  MAIL_BUDGET_PER_HOUR: positiveInt(20),
  MAIL_BUDGET_PER_DAY: positiveInt(50),
  MAIL_BUDGET_UNVERIFIED_PER_HOUR: positiveInt(6),
  MAIL_BUDGET_UNVERIFIED_PER_DAY: positiveInt(12),
  // Jobs (src/jobs, ADR 0011): workers inside the app process unless false; jobs at once per process.
  JOBS_IN_PROCESS: z.stringbool({ error: 'must be true or false' }).default(true),
  JOBS_CONCURRENCY: positiveInt(2),
  // A running job reports every half of this; one silent for this long (its worker died) is retried.
  JOBS_HEARTBEAT_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(10, "must be at least 10 (pg-boss's minimum)")
    .max(3600, 'must be at most 3600 (an hour)')
    .default(30),
  // On SIGTERM, how long to go on serving while /api/health says 503, so a load balancer stops
  // sending requests before the server closes its connections (at least its check interval × fall
  // count; 0 without a balancer: stop at once).
  SHUTDOWN_DRAIN_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 or more')
    .max(60, 'must be at most 60')
    .default(0),
  // When the orphan-upload sweep runs (cron, UTC): once per occurrence however many processes schedule it.
  SWEEP_SCHEDULE: z
    .string()
    .trim()
    .regex(/^[\w*/,-]+(\s+[\w*/,-]+){4}$/, 'must be a cron expression of 5 fields (UTC), e.g. */15 * * * *')
    .default('*/15 * * * *'),
});

export type Env = Readonly<
  z.infer<typeof schema> & {
    /** The auth secret in force: configured, or generated once and kept in DATA_DIR. */
    authSecret: string;
    /** Public origin of the app; decides Secure cookies and HSTS. */
    appUrl: string;
    /** True when the app is served over HTTPS (APP_URL https://). */
    isHttps: boolean;
    /** Absolute path of the data directory (PGlite files, generated secret). */
    dataDir: string;
    /** The sender of every message: MAIL_FROM, or no-reply at APP_URL's host. */
    mailFrom: string;
    /** Where mail goes: SMTP_URL, or the outbox folder in DATA_DIR. */
    mailTransport: 'smtp' | 'outbox';
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

/** Reads (or creates, once) the auth secret kept beside the embedded database. */
function embeddedAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings are how shells and .env files say "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration:\n${formatIssues(result.error)}`);
  }
  const values = result.data;
  const dataDir = path.resolve(values.DATA_DIR);

  // With DATABASE_URL the app is a real deployment: secrets must be given, never generated,
  // or every instance would sign sessions with its own key.
  if (values.DATABASE_URL) {
    const missing = [
      !values.BETTER_AUTH_SECRET &&
        '  - BETTER_AUTH_SECRET: required when DATABASE_URL is set (32+ characters, e.g. `openssl rand -base64 32`)',
      !values.APP_URL &&
        '  - APP_URL: required when DATABASE_URL is set (the public origin, e.g. https://pets.example.com)',
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }

  // The S3 adapter never falls back to ambient AWS credentials: a missing key is a configuration
  // mistake to report at start-up, not a surprise at the first upload.
  if (values.STORAGE_DRIVER === 's3') {
    const missing = [
      !values.S3_ACCESS_KEY_ID && '  - S3_ACCESS_KEY_ID: required when STORAGE_DRIVER=s3',
      !values.S3_SECRET_ACCESS_KEY && '  - S3_SECRET_ACCESS_KEY: required when STORAGE_DRIVER=s3',
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }

  // The embedded database belongs to one process: without DATABASE_URL no separate worker can
  // reach its jobs, so they would never run.
  if (!values.JOBS_IN_PROCESS && !values.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  - JOBS_IN_PROCESS: false needs DATABASE_URL (`npm run worker` cannot share the embedded database)',
    );
  }

  const mailTransport = mailTransportOf(values);

  const appUrl = (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    ...values,
    authSecret: values.BETTER_AUTH_SECRET ?? embeddedAuthSecret(dataDir),
    appUrl,
    isHttps: appUrl.startsWith('https://'),
    dataDir,
    mailFrom: values.MAIL_FROM ?? `Pawprint <no-reply@${new URL(appUrl).hostname}>`,
    mailTransport,
  });
}

/**
 * SMTP when SMTP_URL is set, else the outbox folder — except in production with DATABASE_URL (a real
 * deployment), where a forgotten SMTP_URL would silently keep every message, links included, on disk:
 * there the outbox must be chosen with MAIL_TRANSPORT=outbox (ADR 0023).
 */
function mailTransportOf(values: z.infer<typeof schema>): 'smtp' | 'outbox' {
  if (values.MAIL_TRANSPORT === 'smtp' && !values.SMTP_URL)
    throw new ConfigError('Invalid configuration:\n  - SMTP_URL: required when MAIL_TRANSPORT=smtp');
  const transport = values.MAIL_TRANSPORT ?? (values.SMTP_URL ? 'smtp' : 'outbox');
  if (transport === 'outbox' && !values.MAIL_TRANSPORT && values.NODE_ENV === 'production' && values.DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  - SMTP_URL: required in production when DATABASE_URL is set (or MAIL_TRANSPORT=outbox to write mail to DATA_DIR/outbox on purpose)',
    );
  return transport;
}

const globalForEnv = globalThis as unknown as { __pawprintEnv?: Env };

/** The validated configuration of this process (parsed on first use). */
export function env(): Env {
  globalForEnv.__pawprintEnv ??= parseEnv(process.env);
  return globalForEnv.__pawprintEnv;
}

/** For a process's entry point (the server, the worker): the configuration, or the message that
 * names what is wrong on stderr and exit code 1 — no stack trace for a configuration mistake. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Tests and scripts that change process.env call this to read it again. */
export function resetEnvForTests(): void {
  delete globalForEnv.__pawprintEnv;
}

/** True while `next build` runs: nothing may open the real data directory then. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}
