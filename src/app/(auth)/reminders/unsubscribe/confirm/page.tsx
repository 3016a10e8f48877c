// The page a digest's unsubscribe link shows (ADR 0037): a button that turns email reminders off by a
// POST to the signed link; opening the page changes nothing (mail scanners follow links).
import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { Notice } from '@/components/ui/notice';
import { verifyUnsubscribeToken } from '@/data/reminders/unsubscribe-token';

export const metadata: Metadata = { title: 'Email reminders' };

const first = (value?: string | string[]) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function UnsubscribeConfirmPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[]; outcome?: string | string[] }>;
}) {
  const query = await searchParams;
  const token = first(query.token);
  const outcome = first(query.outcome);
  const valid = token !== '' && verifyUnsubscribeToken(token) !== null;
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Email reminders</h1>
      <div className="mt-6 space-y-6">
        {outcome === 'off' ? (
          <Notice>Email reminders are off. You can turn them on again on your account page.</Notice>
        ) : outcome === 'failed' ? (
          <FormMessage message="We could not turn reminders off right now. Please try again in a moment." />
        ) : !valid ? (
          <FormMessage message="This unsubscribe link is not valid. You can turn reminders off on your account page." />
        ) : (
          <form
            method="post"
            action={`/reminders/unsubscribe?token=${encodeURIComponent(token)}`}
            className="space-y-4"
          >
            <p>Stop the daily email digest of what is due for your pets?</p>
            <input type="hidden" name="from" value="page" />
            <Button type="submit">Turn off email reminders</Button>
          </form>
        )}
        <Link href="/account" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Go to my account
        </Link>
      </div>
    </>
  );
}
