// The refusal of a sign-in, registration or recovery request over its rate limit — an action's or a
// page's (GET /reset-password): recorded in the audit log (aggregated) and answered with "Too many attempts".
import 'server-only';
import { tooManyAttemptsMessage } from '@/lib/rate-limit';
import type { RequestContext } from '@/lib/request-context';
import { recordRefusal } from './audit';

export async function rateLimited(
  context: Pick<RequestContext, 'address' | 'requestId'>,
  refusal: { detail: string; counter: string; email?: string },
  retryAfterSeconds: number,
): Promise<string> {
  await recordRefusal('auth.rate_limited', {
    ...(refusal.email ? { email: refusal.email } : {}),
    address: context.address,
    requestId: context.requestId,
    detail: refusal.detail,
    counter: refusal.counter,
  });
  return tooManyAttemptsMessage(retryAfterSeconds);
}
