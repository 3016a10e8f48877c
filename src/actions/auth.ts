'use server';
// The contract's auth actions (register, login, logout, getCurrentUser). Thin: read the form with
// the shared schema → rate-limit → the auth wrapper (data/auth.ts) → log the security event →
// redirect outside try.
import { redirect } from 'next/navigation';
import { recordRefusal, recordSecurityEvent } from '@/data/audit';
import { signIn, signOut, signUp } from '@/data/auth';
import { admitSignIn, settleSignIn } from '@/data/login-limits';
import { rateLimited } from '@/data/rate-limit-refusal';
import { consumeRateLimit } from '@/data/rate-limits';
import { getSessionUser } from '@/data/session';
import { failure, type ActionResult } from '@/lib/action-result';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@/lib/common-passwords';
import { logUnexpected } from '@/lib/errors';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { requestContext } from '@/lib/request-context';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { loginSchema, registerSchema } from '@/lib/validations/auth';

/** `values` gives the form back what was typed after a failed submit (never the password). */
type TypedValues = { values?: { email: string } };
export type RegisterResult = ActionResult<'email' | 'password'> & {
  user?: { id: string; email: string };
} & TypedValues;
export type LoginResult = ActionResult<'email' | 'password'> & { redirect?: string } & TypedValues;
export type LogoutResult = ActionResult;

const MESSAGES = {
  emailTaken: 'An account with this email already exists',
  registrationFailed: 'Registration failed. Please try again.',
  credentialsRequired: 'Email and password are required',
  credentialsIncorrect: 'Email or password is incorrect',
  loginFailed: 'Login failed. Please try again.',
  noSession: 'No active session',
  logoutFailed: 'Logout failed. Please try again.',
  validationFailed: 'Validation failed',
} as const;

export async function register(previousState: RegisterResult | null, formData: FormData): Promise<RegisterResult> {
  const submission = readSubmission(asFormData(formData), registerSchema);
  const typed = { values: { email: formText.parse(submission.payload.email) } };
  if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), ...typed };
  const credentials = submission.data;
  if (isCommonPassword(credentials.password)) {
    return { ...failure(MESSAGES.validationFailed, { password: [COMMON_PASSWORD_MESSAGE] }), ...typed };
  }

  const context = await requestContext();
  const rule = RATE_LIMIT_RULES.registerFromAddress(context.address);
  const limit = await consumeRateLimit(rule);
  if (!limit.allowed) {
    const refusal = { detail: 'register', counter: rule.key };
    return { ...failure(await rateLimited(context, refusal, limit.retryAfterSeconds)), ...typed };
  }

  let outcome: Awaited<ReturnType<typeof signUp>>;
  try {
    outcome = await signUp(credentials, formText.parse(submission.payload.timeZone));
  } catch (error) {
    logUnexpected(error, { action: 'register', requestId: context.requestId });
    return { ...failure(MESSAGES.registrationFailed), ...typed };
  }
  if (outcome.status === 'email_taken') {
    await recordSecurityEvent('auth.register.failed', {
      address: context.address,
      requestId: context.requestId,
      detail: 'email taken',
    });
    return { ...failure(MESSAGES.emailTaken, { email: [MESSAGES.emailTaken] }), ...typed };
  }
  await recordSecurityEvent('auth.register.succeeded', {
    userId: outcome.user.id,
    address: context.address,
    requestId: context.requestId,
  });
  redirect('/pets');
}

export async function login(previousState: LoginResult | null, formData: FormData): Promise<LoginResult> {
  const submission = readSubmission(asFormData(formData), loginSchema);
  const email = formText.parse(submission.payload.email);
  const password = formText.parse(submission.payload.password);
  const target = safeRedirectPath(formText.parse(submission.payload.redirect));
  const typed = { values: { email } };

  if (email.trim() === '' || password === '') return { ...failure(MESSAGES.credentialsRequired), ...typed };
  if (!submission.success) {
    const emailErrors = submission.errors.email;
    if (emailErrors) return { ...failure(MESSAGES.validationFailed, { email: emailErrors }), ...typed };
    return { ...failure(MESSAGES.credentialsIncorrect), ...typed };
  }
  const credentials = submission.data;

  const context = await requestContext();
  const admission = await admitSignIn(credentials.email, context.address);
  if (!admission.allowed) {
    const refusal = { detail: 'login', counter: admission.counter, email: credentials.email };
    return { ...failure(await rateLimited(context, refusal, admission.retryAfterSeconds)), ...typed };
  }

  let outcome: Awaited<ReturnType<typeof signIn>>;
  try {
    outcome = await signIn(credentials);
  } catch (error) {
    logUnexpected(error, { action: 'login', requestId: context.requestId });
    return { ...failure(MESSAGES.loginFailed), ...typed };
  }
  await settleSignIn(admission.ticket, outcome.status === 'signed_in');
  if (outcome.status === 'wrong_credentials') {
    await recordRefusal('auth.login.failed', {
      email: credentials.email,
      address: context.address,
      requestId: context.requestId,
      counter: 'login.failed',
    });
    return { ...failure(MESSAGES.credentialsIncorrect), ...typed };
  }

  await recordSecurityEvent('auth.login.succeeded', {
    userId: outcome.userId,
    address: context.address,
    requestId: context.requestId,
  });
  redirect(target);
}

export async function logout(): Promise<LogoutResult> {
  const context = await requestContext();
  const user = await getSessionUser();
  if (!user) return failure(MESSAGES.noSession);
  try {
    await signOut();
  } catch (error) {
    logUnexpected(error, { action: 'logout', requestId: context.requestId, userId: user.id });
    return failure(MESSAGES.logoutFailed);
  }
  await recordSecurityEvent('auth.logout', { userId: user.id, address: context.address, requestId: context.requestId });
  redirect('/login');
}

/** The signed-in user ({ id, email }) or null; the common utility of docs/requirements.md. */
export async function getCurrentUser(): Promise<{ id: string; email: string } | null> {
  const user = await getSessionUser();
  return user ? { id: user.id, email: user.email } : null;
}
