// Every check of a reset token spends from its client address's bucket — the page that says whether
// a link works (GET /reset-password) as much as the submit that uses it — so guessing tokens through
// either stays hopeless, and both refuse alike (ADR 0014).
import 'server-only';
import { RATE_LIMIT_RULES, tooManyAttemptsMessage } from '@/lib/rate-limit';
import type { RequestContext } from '@/lib/request-context';
import { recordRefusal } from './audit';
import { consumeRateLimit } from './rate-limits';

/** Spends one check for the request's address: null when allowed, else the refusal to show (recorded). */
export async function refusedResetTokenCheck(
  context: Pick<RequestContext, 'address' | 'requestId'>,
  detail: 'password reset' | 'reset link check',
): Promise<string | null> {
  const limit = await consumeRateLimit(RATE_LIMIT_RULES.passwordResetAttemptsFromAddress(context.address));
  if (limit.allowed) return null;
  await recordRefusal('auth.rate_limited', {
    address: context.address,
    requestId: context.requestId,
    detail,
    counter: 'reset-attempt',
  });
  return tooManyAttemptsMessage(limit.retryAfterSeconds);
}
