// Maps unexpected failures to the generic messages of docs/requirements.md: the details go to the log with
// the request id, the user sees only the message (FR-021: no stack trace ever reaches a user).
import { logger } from './logger';

/** `requestId` is required (undefined only outside a request): a log line without it cannot be traced. */
export function logUnexpected(
  error: unknown,
  context: { action: string; requestId: string | undefined; userId?: string },
): void {
  logger().error({ err: error, ...context }, `${context.action} failed`);
}
