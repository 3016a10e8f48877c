'use server';
// The contract's auth actions (register, login, logout, getCurrentUser). Thin: parse with the
// shared schema → rate-limit → better-auth → log the security event → redirect outside try.
import { isAPIError } from 'better-auth/api';
import { redirect } from 'next/navigation';
import { recordSecurityEvent } from '@/data/audit';
import { auth } from '@/data/auth';
import { consumeRateLimits, resetRateLimit } from '@/data/rate-limits';
import { getSessionUser, type SessionUser } from '@/data/session';
import { failure, formDataFrom, formText, type ActionResult } from '@/lib/action-result';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@/lib/common-passwords';
import { logUnexpected } from '@/lib/errors';
import { loginRules, registerRules, tooManyAttemptsMessage } from '@/lib/rate-limit';
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

function apiErrorCode(error: unknown): string | undefined {
  if (!isAPIError(error)) return undefined;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function register(stateOrForm: unknown, maybeForm?: FormData): Promise<RegisterResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const typed = { values: { email: formText(formData, 'email') } };
  const parsed = registerSchema.safeParse({
    email: typed.values.email,
    password: formText(formData, 'password'),
  });
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors;
    return {
      ...failure(MESSAGES.validationFailed, { email: fieldErrors.email, password: fieldErrors.password }),
      ...typed,
    };
  }
  if (isCommonPassword(parsed.data.password)) {
    return { ...failure(MESSAGES.validationFailed, { password: [COMMON_PASSWORD_MESSAGE] }), ...typed };
  }

  const context = await requestContext();
  const limit = await consumeRateLimits(registerRules(context.address));
  if (!limit.allowed) {
    await recordSecurityEvent('auth.rate_limited', {
      address: context.address,
      requestId: context.requestId,
      detail: 'register',
    });
    return { ...failure(tooManyAttemptsMessage(limit.retryAfterSeconds)), ...typed };
  }

  let user: SessionUser;
  try {
    const result = await auth().api.signUpEmail({
      body: { email: parsed.data.email, password: parsed.data.password, name: '' },
      headers: context.headers,
    });
    user = { id: result.user.id, email: result.user.email };
  } catch (error) {
    const code = apiErrorCode(error);
    if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
      await recordSecurityEvent('auth.register.failed', {
        address: context.address,
        requestId: context.requestId,
        detail: 'email taken',
      });
      return { ...failure(MESSAGES.emailTaken, { email: [MESSAGES.emailTaken] }), ...typed };
    }
    logUnexpected(error, { action: 'register', requestId: context.requestId });
    return { ...failure(MESSAGES.registrationFailed), ...typed };
  }

  await recordSecurityEvent('auth.register.succeeded', {
    userId: user.id,
    address: context.address,
    requestId: context.requestId,
  });
  redirect('/pets');
}

export async function login(stateOrForm: unknown, maybeForm?: FormData): Promise<LoginResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const email = formText(formData, 'email');
  const password = formText(formData, 'password');
  const target = safeRedirectPath(formText(formData, 'redirect'));
  const typed = { values: { email } };

  if (email.trim() === '' || password === '') return { ...failure(MESSAGES.credentialsRequired), ...typed };
  const parsed = loginSchema.safeParse({ email, password });
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors;
    if (fieldErrors.email) return { ...failure(MESSAGES.validationFailed, { email: fieldErrors.email }), ...typed };
    return { ...failure(MESSAGES.credentialsIncorrect), ...typed };
  }

  const context = await requestContext();
  const rules = loginRules(context.address, parsed.data.email);
  const limit = await consumeRateLimits(rules);
  if (!limit.allowed) {
    await recordSecurityEvent('auth.rate_limited', {
      email: parsed.data.email,
      address: context.address,
      requestId: context.requestId,
      detail: 'login',
    });
    return { ...failure(tooManyAttemptsMessage(limit.retryAfterSeconds)), ...typed };
  }

  let userId: string;
  try {
    const result = await auth().api.signInEmail({
      body: { email: parsed.data.email, password: parsed.data.password },
      headers: context.headers,
    });
    userId = result.user.id;
  } catch (error) {
    if (apiErrorCode(error) === 'INVALID_EMAIL_OR_PASSWORD') {
      await recordSecurityEvent('auth.login.failed', {
        email: parsed.data.email,
        address: context.address,
        requestId: context.requestId,
      });
      return { ...failure(MESSAGES.credentialsIncorrect), ...typed };
    }
    logUnexpected(error, { action: 'login', requestId: context.requestId });
    return { ...failure(MESSAGES.loginFailed), ...typed };
  }

  // The per-email counter guards this account against guessing; the rightful owner is through.
  const emailRule = rules.find((rule) => rule.key.startsWith('login:email:'));
  if (emailRule) await resetRateLimit(emailRule.key);
  await recordSecurityEvent('auth.login.succeeded', { userId, address: context.address, requestId: context.requestId });
  redirect(target);
}

export async function logout(): Promise<LogoutResult> {
  const context = await requestContext();
  const user = await getSessionUser();
  if (!user) return failure(MESSAGES.noSession);
  try {
    // Deletes the session row (the cookie is dead everywhere) and clears the cookies.
    await auth().api.signOut({ headers: context.headers });
  } catch (error) {
    logUnexpected(error, { action: 'logout', requestId: context.requestId, userId: user.id });
    return failure(MESSAGES.logoutFailed);
  }
  await recordSecurityEvent('auth.logout', { userId: user.id, address: context.address, requestId: context.requestId });
  redirect('/login');
}

/** The signed-in user ({ id, email }) or null; the contract's common utility. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  return getSessionUser();
}
