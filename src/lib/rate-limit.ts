// The rate-limit policies of login and register (ADR 0004): which counters an attempt spends
// and how the refusal reads. The counters themselves live in Postgres (data/rate-limits.ts).
import { createHash } from 'node:crypto';
import { env } from './env';

export type RateLimitRule = { key: string; max: number; windowSeconds: number };

/** Emails are hashed so the counter table holds no address book. */
function hashed(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function loginRules(address: string, email: string): RateLimitRule[] {
  const config = env();
  const windowSeconds = config.RATE_LIMIT_WINDOW_SECONDS;
  return [
    { key: `login:address:${address}`, max: config.RATE_LIMIT_LOGIN_PER_ADDRESS, windowSeconds },
    { key: `login:email:${hashed(email.trim().toLowerCase())}`, max: config.RATE_LIMIT_LOGIN_PER_EMAIL, windowSeconds },
  ];
}

export function registerRules(address: string): RateLimitRule[] {
  const config = env();
  return [
    {
      key: `register:address:${address}`,
      max: config.RATE_LIMIT_REGISTER_PER_ADDRESS,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    },
  ];
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
