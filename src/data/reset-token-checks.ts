// Every check of a reset token spends from its client address's bucket — the page that says whether
// a link works (GET /reset-password) as much as the submit that uses it — so guessing tokens through
// either stays hopeless, and both refuse alike (ADR 0014).
import 'server-only';
import { RATE_LIMIT_RULES } from '@/lib/rate-limit';
import type { RequestContext } from '@/lib/request-context';
import { rateLimited } from './rate-limit-refusal';
import { consumeRateLimit } from './rate-limits';

/** Spends one check for the request's address: null when allowed, else the refusal to show (recorded). */
export async function refusedResetTokenCheck(
  context: Pick<RequestContext, 'address' | 'requestId'>,
  detail: 'password reset' | 'reset link check',
): Promise<string | null> {
  const limit = await consumeRateLimit(RATE_LIMIT_RULES.passwordResetAttemptsFromAddress(context.address));
  if (limit.allowed) return null;
  return rateLimited(context, { detail, counter: 'reset-attempt' }, limit.retryAfterSeconds);
}
