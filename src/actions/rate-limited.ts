// The refusal of a sign-in, registration or recovery request over its rate limit (not an action: no
// 'use server'): recorded in the audit log (aggregated) and answered with "Too many attempts".
import 'server-only';
import { recordRefusal } from '@/data/audit';
import { tooManyAttemptsMessage } from '@/lib/rate-limit';
import type { RequestContext } from '@/lib/request-context';

export async function rateLimited(
  context: RequestContext,
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
