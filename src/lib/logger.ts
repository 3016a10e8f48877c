// Server-side structured logging (pino, JSON lines). Never log passwords, tokens or cookies:
// the redact list is the safety net, not the rule.
import pino from 'pino';
import { env } from './env';

const globalForLogger = globalThis as unknown as { __petAppLogger?: pino.Logger };

function createLogger(): pino.Logger {
  return pino({
    level: env().LOG_LEVEL,
    base: { service: 'pet-app' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'authorization'],
      censor: '[redacted]',
    },
  });
}

export function logger(): pino.Logger {
  globalForLogger.__petAppLogger ??= createLogger();
  return globalForLogger.__petAppLogger;
}

/** Security events (sign-in, sign-out, registration, rate limits): who, what, from where. */
export type SecurityEvent =
  | 'auth.register.succeeded'
  | 'auth.register.failed'
  | 'auth.login.succeeded'
  | 'auth.login.failed'
  | 'auth.logout'
  | 'auth.rate_limited'
  | 'access.refused';

export function logSecurityEvent(
  event: SecurityEvent,
  details: { userId?: string; address?: string; requestId?: string; reason?: string },
): void {
  logger().info({ security: true, event, ...details }, event);
}
