'use client';
// The email + password form of /login and /register. Works without JavaScript (the form posts
// to the Server Action); with it, shows instant field checks from the shared schema and a
// pending state, and keeps what was typed after a failed submit.
import { useActionState, useState } from 'react';
import type { LoginResult, RegisterResult } from '@/actions/auth';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useBrowserTimeZone } from '@/components/ui/use-browser-time-zone';
import { registerSchema } from '@/lib/validations/auth';

type Mode = 'login' | 'register';
type Result = LoginResult | RegisterResult;

type CredentialsFormProps = {
  mode: Mode;
  action: (state: Result | null, formData: FormData) => Promise<Result>;
  redirectTo?: string;
};

const COPY = {
  login: { submit: 'Sign in', pending: 'Signing in…', autoComplete: 'current-password' },
  register: { submit: 'Create account', pending: 'Creating account…', autoComplete: 'new-password' },
} as const;

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] | undefined {
  return result.success ? undefined : result.error?.issues[0] ? [result.error.issues[0].message] : undefined;
}

export function CredentialsForm({ mode, action, redirectTo }: CredentialsFormProps) {
  const [state, formAction] = useActionState(action, null);
  const [email, setEmail] = useState(state?.values?.email ?? '');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<{ email?: string[]; password?: string[] }>({});
  // A new account starts in the browser's time zone (editable on /account; UTC without JavaScript).
  const timeZone = useBrowserTimeZone();

  // A field the user has edited or that passed its check says [] here: the server's verdict on
  // the old value no longer applies. undefined means "no newer verdict": show the server's.
  const serverErrors = state?.errors ?? {};
  const shown = (verdict: string[] | undefined, server: string[] | undefined) => (verdict ? verdict : server);
  const emailErrors = shown(clientErrors.email, serverErrors.email);
  const passwordErrors = shown(clientErrors.password, serverErrors.password);
  // The banner carries messages that belong to no single field.
  const banner = state && !state.success && !state.errors ? state.message : undefined;

  return (
    <form action={formAction} onSubmit={() => setClientErrors({})} noValidate className="space-y-5">
      {redirectTo ? <input type="hidden" name="redirect" value={redirectTo} /> : null}
      {mode === 'register' ? <input type="hidden" name="timeZone" value={timeZone} /> : null}
      <FormMessage message={banner} />
      <Field id="email" label="Email" errors={emailErrors}>
        {(control) => (
          <Input
            {...control}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setClientErrors((errors) => ({ ...errors, email: [] }));
            }}
            onBlur={() => {
              if (email !== '')
                setClientErrors((errors) => ({
                  ...errors,
                  email: firstIssue(registerSchema.shape.email.safeParse(email)) ?? [],
                }));
            }}
          />
        )}
      </Field>
      <Field
        id="password"
        label="Password"
        errors={passwordErrors}
        hint={mode === 'register' ? 'At least 8 characters.' : undefined}
      >
        {(control) => (
          <Input
            {...control}
            name="password"
            type="password"
            autoComplete={COPY[mode].autoComplete}
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              setClientErrors((errors) => ({ ...errors, password: [] }));
            }}
            onBlur={() => {
              if (mode === 'register' && password !== '') {
                setClientErrors((errors) => ({
                  ...errors,
                  password: firstIssue(registerSchema.shape.password.safeParse(password)) ?? [],
                }));
              }
            }}
          />
        )}
      </Field>
      <SubmitButton pendingLabel={COPY[mode].pending} size="lg" className="w-full">
        {COPY[mode].submit}
      </SubmitButton>
    </form>
  );
}
