// Server-side structured logging (pino, JSON lines). Never log passwords, tokens or cookies:
// the redact list is the safety net, not the rule.
import pino from 'pino';
import { env } from './env';

const globalForLogger = globalThis as unknown as { __pawprintLogger?: pino.Logger };

function createLogger(): pino.Logger {
  return pino({
    level: env().LOG_LEVEL,
    base: { service: 'pawprint' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'authorization'],
      censor: '[redacted]',
    },
  });
}

export function logger(): pino.Logger {
  globalForLogger.__pawprintLogger ??= createLogger();
  return globalForLogger.__pawprintLogger;
}

/** Security events (sign-in, sign-out, registration, rate limits, pet changes): who, what, from where. */
export const SECURITY_EVENT_LABELS = {
  'auth.register.succeeded': 'Account created',
  'auth.register.failed': 'Registration refused',
  'auth.login.succeeded': 'Signed in',
  'auth.login.failed': 'Failed sign-in attempt',
  'auth.logout': 'Signed out',
  'auth.rate_limited': 'Too many attempts: blocked for a while',
  'usage.limited': 'Limit reached: refused for a while',
  'access.refused': 'Access refused',
  'pet.created': 'Pet added',
  'pet.updated': 'Pet updated',
  'pet.deleted': 'Pet deleted',
  'account.password_changed': 'Password changed',
  'account.password_reset_requested': 'Password reset link sent',
  'auth.password_reset.failed': 'Password reset refused: the link was invalid, expired or used',
  'account.password_reset': 'Password reset with an emailed link (every device signed out)',
  'account.email_verified': 'Email address verified',
  'account.data_export_requested': 'Data export requested',
  'account.calendar_link_issued': 'Calendar feed link created (any earlier link stopped working)',
  'account.calendar_feed_off': 'Calendar feed turned off',
  'mail.over_budget': 'Message to your address not sent: too many messages to it',
} as const;

export type SecurityEvent = keyof typeof SECURITY_EVENT_LABELS;

export function logSecurityEvent(
  event: SecurityEvent,
  details: { userId?: string; address?: string; requestId?: string; reason?: string },
): void {
  logger().info({ security: true, event, ...details }, event);
}
