'use client';
// Delete the account: typing the email and the password confirms it. Every pet and photo goes with it.
import { useActionState } from 'react';
import { deleteAccount } from '@/actions/account';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, formAction] = useActionState(deleteAccount, null);
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormMessage message={state && !state.errors ? state.message : undefined} />
      <Field id="confirmEmail" label={`Type ${email} to confirm`} errors={state?.errors?.confirmEmail}>
        {(control) => <Input {...control} name="confirmEmail" type="email" autoComplete="off" />}
      </Field>
      <Field id="deletePassword" label="Your password" errors={state?.errors?.password}>
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" />}
      </Field>
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete my account
      </SubmitButton>
    </form>
  );
}
