// The sign-in limits (ADR 0013): only failures count. Three buckets: failures from one address
// (spraying), failures at one account from one address (guessing there: the owner elsewhere is
// untouched), and failures at one account from everywhere (a distributed guesser: once spent,
// only addresses the owner has signed in from recently get through). A success gives back what
// it spent, so a shared address full of people who know their passwords is never refused.
import 'server-only';
import type { RateLimitRule } from '@/lib/rate-limit';
import { RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { hasSignedInFrom } from './audit';
import { consumeRateLimit, refundRateLimit, resetRateLimit } from './rate-limits';

/** What an admitted attempt spent, to be settled once the password was checked. */
export type SignInTicket = { spent: RateLimitRule[]; pair: RateLimitRule };

export type SignInAdmission =
  { allowed: true; ticket: SignInTicket } | { allowed: false; retryAfterSeconds: number; counter: string };

/** Spends one failure-in-advance from each bucket; refused (and nothing spent) if one is empty. */
export async function admitSignIn(email: string, address: string): Promise<SignInAdmission> {
  const fromAddress = RATE_LIMIT_RULES.loginFromAddress(address);
  const pair = RATE_LIMIT_RULES.loginForEmailFromAddress(email, address);
  const account = RATE_LIMIT_RULES.loginForEmail(email);
  const spent: RateLimitRule[] = [];
  for (const rule of [fromAddress, pair, account]) {
    const verdict = await consumeRateLimit(rule);
    if (verdict.allowed) {
      spent.push(rule);
      continue;
    }
    // The account's shared allowance is spent: the owner's usual addresses still get in.
    if (rule === account && (await hasSignedInFrom(email, address))) continue;
    await Promise.all(spent.map((earlier) => refundRateLimit(earlier)));
    return { allowed: false, retryAfterSeconds: verdict.retryAfterSeconds, counter: rule.key };
  }
  return { allowed: true, ticket: { spent, pair } };
}

/** A failure keeps what it spent; a success gives it back and forgets this address's failures. */
export async function settleSignIn(ticket: SignInTicket, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  await Promise.all(ticket.spent.filter((rule) => rule !== ticket.pair).map((rule) => refundRateLimit(rule)));
  await resetRateLimit(ticket.pair);
}
