// The rate-limit policies (ADR 0004): one named rule per counter an attempt spends, and how the
// refusal reads. The counters themselves live in Postgres (data/rate-limits.ts).
import { createHash } from 'node:crypto';
import { env } from './env';

export type RateLimitRule = { key: string; max: number; windowSeconds: number };

/** Emails are hashed so the counter table holds no address book. */
function hashed(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function rule(key: string, max: (config: ReturnType<typeof env>) => number): RateLimitRule {
  const config = env();
  return { key, max: max(config), windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS };
}

export const RATE_LIMIT_RULES = {
  /** Sign-in attempts from one address, whatever the account (password spraying). */
  loginFromAddress: (address: string) =>
    rule(`login:address:${address}`, (config) => config.RATE_LIMIT_LOGIN_PER_ADDRESS),
  /** Sign-in attempts at one account, from anywhere (guessing its password); cleared by a success. */
  loginForEmail: (email: string) =>
    rule(`login:email:${hashed(email.trim().toLowerCase())}`, (config) => config.RATE_LIMIT_LOGIN_PER_EMAIL),
  /** Accounts created from one address. */
  registerFromAddress: (address: string) =>
    rule(`register:address:${address}`, (config) => config.RATE_LIMIT_REGISTER_PER_ADDRESS),
  /** Current-password checks of one signed-in account: the password change is a guessing oracle too. */
  passwordChangeForUser: (userId: string) =>
    rule(`password:user:${userId}`, (config) => config.RATE_LIMIT_LOGIN_PER_EMAIL),
} as const;

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
