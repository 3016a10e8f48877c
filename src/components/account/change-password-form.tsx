'use client';
// Change password: the current one, then the new one. Other devices are signed out.
import { useActionState } from 'react';
import { changePassword } from '@/actions/account';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function ChangePasswordForm() {
  const [state, formAction] = useActionState(changePassword, null);
  const errors = state?.errors ?? {};
  return (
    // A key per outcome: after a success the fields start empty again.
    <form key={state?.success ? 'changed' : 'editing'} action={formAction} noValidate className="space-y-5">
      <FormMessage
        message={state && !state.errors ? state.message : undefined}
        tone={state?.success ? 'success' : 'error'}
      />
      <Field id="currentPassword" label="Current password" errors={errors.currentPassword}>
        {(control) => <Input {...control} name="currentPassword" type="password" autoComplete="current-password" />}
      </Field>
      <Field id="newPassword" label="New password" errors={errors.newPassword} hint="At least 8 characters.">
        {(control) => <Input {...control} name="newPassword" type="password" autoComplete="new-password" />}
      </Field>
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
