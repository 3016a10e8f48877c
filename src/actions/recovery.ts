'use server';
// Account recovery (ADR 0014): asking for a reset link, choosing a new password with it, and the
// email verification notice's "Resend" and "Dismiss". Thin like every action: read the form with the
// shared schema → rate-limit → the DAL (data/auth.ts, data/password-reset.ts) → audit → redirect outside try.
import { redirect } from 'next/navigation';
import { recordRefusal, recordSecurityEvent } from '@/data/audit';
import { clearSessionCookies, resetPasswordWithToken, sendVerificationLink } from '@/data/auth';
import { askForPasswordReset } from '@/data/password-reset';
import { rateLimited } from '@/data/rate-limit-refusal';
import { consumeRateLimit, refundRateLimit } from '@/data/rate-limits';
import { refusedResetTokenCheck } from '@/data/reset-token-checks';
import { requireUser } from '@/data/session';
import { failure, type ActionResult } from '@/lib/action-result';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@/lib/common-passwords';
import { env } from '@/lib/env';
import { logUnexpected } from '@/lib/errors';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { limitReachedMessage, RATE_LIMIT_RULES } from '@/lib/rate-limit';
import { requestContext } from '@/lib/request-context';
import { dismissVerificationNoticeFor } from '@/lib/verification-notice';
import { forgotPasswordSchema, RESET_LINK_INVALID_MESSAGE, resetPasswordSchema } from '@/lib/validations/recovery';

export type ForgotPasswordResult = ActionResult<'email'> & { values?: { email: string } };
/** `linkInvalid`: the token is garbage, expired or used — the page offers a new link instead of the form. */
export type ResetPasswordResult = ActionResult<'newPassword'> & { linkInvalid?: boolean };
export type ResendVerificationResult = ActionResult;

const MESSAGES = {
  validationFailed: 'Validation failed',
  linkSent: "If an account exists for that address, we've sent a link. It works for 1 hour.",
  requestFailed: 'Could not send the link. Please try again.',
  linkInvalid: RESET_LINK_INVALID_MESSAGE,
  resetFailed: 'Could not change the password. Please try again.',
  verificationSent: (email: string) => `We've sent a new link to ${email}. It works for 24 hours.`,
  alreadyVerified: 'Your email address is already verified.',
  resendFailed: 'Could not send the link. Please try again.',
} as const;

/**
 * Asks for a reset link. The same answer, after the same work (two buckets and one enqueue), whether or
 * not an account has this email: the job decides, out of the request (data/password-reset.ts).
 */
export async function requestPasswordReset(
  previousState: ForgotPasswordResult | null,
  formData: FormData,
): Promise<ForgotPasswordResult> {
  const submission = readSubmission(asFormData(formData), forgotPasswordSchema);
  const typed = { values: { email: formText.parse(submission.payload.email) } };
  if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), ...typed };
  const { email } = submission.data;

  const context = await requestContext();
  const fromAddress = RATE_LIMIT_RULES.passwordResetFromAddress(context.address);
  const forEmail = RATE_LIMIT_RULES.passwordResetForEmail(email);
  for (const rule of [fromAddress, forEmail]) {
    const limit = await consumeRateLimit(rule);
    if (limit.allowed) continue;
    // Refused by the email's bucket: the address's token was not used for anything.
    if (rule === forEmail) await refundRateLimit(fromAddress);
    const refusal = { detail: 'password reset request', counter: rule.key };
    return { ...failure(await rateLimited(context, refusal, limit.retryAfterSeconds)), ...typed };
  }

  try {
    await askForPasswordReset(email, context);
  } catch (error) {
    logUnexpected(error, { action: 'requestPasswordReset', requestId: context.requestId });
    return { ...failure(MESSAGES.requestFailed), ...typed };
  }
  return { success: true, message: MESSAGES.linkSent, ...typed };
}

/**
 * Sets a new password with the emailed token. On success every session of the account is over
 * (this browser's too) and the user signs in with the new password at /login (ADR 0014).
 */
export async function resetPassword(
  previousState: ResetPasswordResult | null,
  formData: FormData,
): Promise<ResetPasswordResult> {
  const submission = readSubmission(asFormData(formData), resetPasswordSchema);
  if (!submission.success) {
    if (submission.errors.token) return { ...failure(MESSAGES.linkInvalid), linkInvalid: true };
    return failure(MESSAGES.validationFailed, submission.errors);
  }
  const { token, newPassword } = submission.data;
  if (isCommonPassword(newPassword))
    return failure(MESSAGES.validationFailed, { newPassword: [COMMON_PASSWORD_MESSAGE] });

  const context = await requestContext();
  const refused = await refusedResetTokenCheck(context, 'password reset');
  if (refused) return failure(refused);

  let outcome: Awaited<ReturnType<typeof resetPasswordWithToken>>;
  try {
    outcome = await resetPasswordWithToken(token, newPassword);
  } catch (error) {
    logUnexpected(error, { action: 'resetPassword', requestId: context.requestId });
    return failure(MESSAGES.resetFailed);
  }
  if (outcome.status === 'invalid_token') {
    await recordRefusal('auth.password_reset.failed', {
      address: context.address,
      requestId: context.requestId,
      counter: 'reset.invalid-token',
    });
    return { ...failure(MESSAGES.linkInvalid), linkInvalid: true };
  }
  await recordSecurityEvent('account.password_reset', {
    userId: outcome.user.id,
    address: context.address,
    requestId: context.requestId,
  });
  // The session rows are gone; a cookie of this browser, if any, is dead weight.
  await clearSessionCookies();
  redirect('/login?reset=1');
}

/** "Resend" on the verification notice: a new 24-hour link to the signed-in user's address. */
export async function resendVerificationEmail(
  previousState: ResendVerificationResult | null,
  formData: FormData,
): Promise<ResendVerificationResult> {
  void formData;
  const user = await requireUser('/pets');
  if (user.emailVerified) return { success: true, message: MESSAGES.alreadyVerified };
  const context = await requestContext();
  const limit = await consumeRateLimit(RATE_LIMIT_RULES.verificationEmailsForUser(user.id));
  if (!limit.allowed) {
    const perHour = env().RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR;
    return failure(limitReachedMessage(`${perHour} verification emails per hour`, limit.retryAfterSeconds));
  }
  try {
    const outcome = await sendVerificationLink(user.email);
    if (outcome === 'already_verified') return { success: true, message: MESSAGES.alreadyVerified };
  } catch (error) {
    logUnexpected(error, { action: 'resendVerificationEmail', userId: user.id, requestId: context.requestId });
    return failure(MESSAGES.resendFailed);
  }
  return { success: true, message: MESSAGES.verificationSent(user.email) };
}

/** "Dismiss" on the verification notice: hidden in this browser for this account (a cookie). */
export async function dismissVerificationNotice(): Promise<void> {
  const user = await requireUser('/pets');
  await dismissVerificationNoticeFor(user.id);
  redirect('/pets');
}
