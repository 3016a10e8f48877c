import type { Metadata } from 'next';
import Link from 'next/link';
import { FormMessage } from '@/components/ui/form-message';
import { Notice } from '@/components/ui/notice';
import { recordSecurityEvent } from '@/data/audit';
import { verifyEmailToken, type VerificationOutcome } from '@/data/auth';
import { getSessionUser } from '@/data/session';
import { logUnexpected } from '@/lib/errors';
import { requestContext } from '@/lib/request-context';

export const metadata: Metadata = { title: 'Confirm your email address' };

const OUTCOME_TEXT: Record<Exclude<VerificationOutcome['status'], 'verified'> | 'failed', string> = {
  already_used: 'This link was already used: your email address is verified.',
  expired: 'This link has expired. Use “Resend” on your pets page for a new one (it works for 24 hours).',
  invalid: 'This link is not valid. Use “Resend” on your pets page for a new one.',
  failed: 'We could not check this link right now. Please try again in a moment.',
};

/** Follows the emailed link (the library checks it); a link is good once. */
async function follow(token: string): Promise<VerificationOutcome | { status: 'failed' }> {
  if (token === '' || token.length > 2048) return { status: 'invalid' };
  try {
    return await verifyEmailToken(token);
  } catch (error) {
    logUnexpected(error, { action: 'verifyEmail', requestId: (await requestContext()).requestId });
    return { status: 'failed' };
  }
}

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token: given } = await searchParams;
  const outcome = await follow((Array.isArray(given) ? given[0] : given) ?? '');
  if (outcome.status === 'verified') await recordSecurityEvent('account.email_verified', { userId: outcome.userId });
  const user = await getSessionUser();
  const next = user ? { href: '/pets', label: 'Go to my pets' } : { href: '/login', label: 'Sign in' };
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Confirm your email address</h1>
      <div className="mt-6 space-y-6">
        {outcome.status === 'verified' ? (
          <Notice>Thank you: your email address is verified.</Notice>
        ) : outcome.status === 'already_used' ? (
          <Notice>{OUTCOME_TEXT.already_used}</Notice>
        ) : (
          <FormMessage message={OUTCOME_TEXT[outcome.status]} />
        )}
        <Link href={next.href} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          {next.label}
        </Link>
      </div>
    </>
  );
}
