'use client';
// The small notice on /pets until the address is confirmed: "Resend" sends a new link (rate-limited),
// "Dismiss" hides it in this browser. Both are real forms, so they work without JavaScript.
import { useActionState } from 'react';
import { dismissVerificationNotice, resendVerificationEmail } from '@/actions/recovery';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function VerificationNotice({ email }: { email: string }) {
  const [state, resendAction] = useActionState(resendVerificationEmail, null);
  return (
    <section
      aria-labelledby="verify-notice-title"
      className="mt-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <div className="min-w-0 flex-1 space-y-2">
        <p>
          <strong id="verify-notice-title">Please confirm your email address.</strong> We sent a link to{' '}
          <span className="break-all">{email}</span>.
        </p>
        <FormMessage message={state?.message} tone={state?.success ? 'success' : 'error'} />
      </div>
      <div className="flex gap-2">
        <form action={resendAction}>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Sending…">
            Resend
          </SubmitButton>
        </form>
        <form action={dismissVerificationNotice}>
          <SubmitButton variant="ghost" size="sm" pendingLabel="Dismissing…">
            Dismiss
          </SubmitButton>
        </form>
      </div>
    </section>
  );
}
