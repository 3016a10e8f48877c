// The mail budget per recipient (ADR 0022): every message the app sends spends from its recipient
// address's budget — per hour and per day, smaller while no account has verified the address — in the
// Postgres token buckets (rate-limits.ts), so it holds across instances. Whatever caused the message
// (registration, resend, reset link, "password changed", export ready), one address receives at most
// the budget; what is over it is dropped and recorded, never queued again.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { recordRefusal } from './audit';
import { consumeRateLimit, refundRateLimit } from './rate-limits';

/** Whether an account holds this address and has proved it owns it. */
async function isVerifiedAddress(email: string): Promise<boolean> {
  const [account] = await db().select({ emailVerified: users.emailVerified }).from(users).where(eq(users.email, email));
  return account?.emailVerified ?? false;
}

/**
 * Spends one message of `to`'s budget: true when it may be sent. Over budget, the refusal is
 * recorded (log line and, for an account with that address, its "Recent activity", one row per
 * window) with the subject only — never the message's link.
 */
export async function spendMailBudget(to: string, subject: string): Promise<boolean> {
  const email = to.trim().toLowerCase();
  const verified = await isVerifiedAddress(email);
  const hour = RATE_LIMIT_RULES.mailToRecipientPerHour(email, verified);
  const day = RATE_LIMIT_RULES.mailToRecipientPerDay(email, verified);
  let refused = !(await consumeRateLimit(hour)).allowed;
  if (!refused && !(await consumeRateLimit(day)).allowed) {
    // The hour's token was not used for anything.
    await refundRateLimit(hour);
    refused = true;
  }
  if (refused) await recordRefusal('mail.over_budget', { email, detail: subject, counter: 'mail-budget' });
  return !refused;
}
