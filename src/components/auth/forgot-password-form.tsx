'use client';
// /forgot-password's form: one email field. Works without JavaScript (it posts to the Server Action);
// the answer is the same whether or not an account has the address, and what was typed stays.
import { useActionState } from 'react';
import { requestPasswordReset } from '@/actions/recovery';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function ForgotPasswordForm() {
  const [state, formAction] = useActionState(requestPasswordReset, null);
  const banner = state && !state.errors ? state.message : undefined;
  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormMessage message={banner} tone={state?.success ? 'success' : 'error'} />
      <Field id="email" label="Email" errors={state?.errors?.email}>
        {(control) => (
          <Input
            {...control}
            // A new key per answer: the field shows what the server gives back, then is the user's again.
            key={state ? `answered-${state.values?.email}` : 'empty'}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            defaultValue={state?.values?.email ?? ''}
          />
        )}
      </Field>
      <SubmitButton pendingLabel="Sending…" size="lg" className="w-full">
        Send reset link
      </SubmitButton>
    </form>
  );
}
