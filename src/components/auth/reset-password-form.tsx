'use client';
// /reset-password's form: the new password, with the emailed token in a hidden field. Works without
// JavaScript. A link that turns out expired or used replaces the form with a way to ask for a new one.
import Link from 'next/link';
import { useActionState } from 'react';
import { resetPassword } from '@/actions/recovery';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(resetPassword, null);
  if (state?.linkInvalid) return <InvalidResetLink message={state.message} />;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <FormMessage message={state && !state.errors ? state.message : undefined} />
      <Field id="newPassword" label="New password" errors={state?.errors?.newPassword} hint="At least 8 characters.">
        {(control) => <Input {...control} name="newPassword" type="password" autoComplete="new-password" required />}
      </Field>
      <SubmitButton pendingLabel="Saving…" size="lg" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}

export function InvalidResetLink({ message }: { message: string }) {
  return (
    <div className="space-y-5">
      <FormMessage message={message} />
      <Link href="/forgot-password" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
        Ask for a new link
      </Link>
    </div>
  );
}
