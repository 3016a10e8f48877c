'use server';
// The account page's actions: change password (needs the current one; other sessions end) and
// delete the account (after typing the email) with all its pets and photos.
import { cookies } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { changeOwnPassword, deleteOwnAccount } from '@/data/account';
import { recordSecurityEvent } from '@/data/audit';
import { consumeRateLimits } from '@/data/rate-limits';
import { requireUser } from '@/data/session';
import { failure, formDataFrom, formText, type ActionResult } from '@/lib/action-result';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@/lib/common-passwords';
import { env } from '@/lib/env';
import { logUnexpected } from '@/lib/errors';
import { tooManyAttemptsMessage } from '@/lib/rate-limit';
import { requestContext } from '@/lib/request-context';
import { changePasswordSchema, DELETE_CONFIRMATION_MESSAGE } from '@/lib/validations/account';

export type ChangePasswordResult = ActionResult<'currentPassword' | 'newPassword'>;
export type DeleteAccountResult = ActionResult<'confirmEmail'>;

export async function changePassword(stateOrForm: unknown, maybeForm?: FormData): Promise<ChangePasswordResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const user = await requireUser('/account');
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formText(formData, 'currentPassword'),
    newPassword: formText(formData, 'newPassword'),
  });
  if (!parsed.success) {
    const { fieldErrors } = parsed.error.flatten();
    return failure('Validation failed', {
      currentPassword: fieldErrors.currentPassword,
      newPassword: fieldErrors.newPassword,
    });
  }
  if (isCommonPassword(parsed.data.newPassword))
    return failure('Validation failed', { newPassword: [COMMON_PASSWORD_MESSAGE] });

  // The current-password check is a guessing oracle too: limit it per account.
  const context = await requestContext();
  const config = env();
  const limit = await consumeRateLimits([
    {
      key: `password:user:${user.id}`,
      max: config.RATE_LIMIT_LOGIN_PER_EMAIL,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    },
  ]);
  if (!limit.allowed) return failure(tooManyAttemptsMessage(limit.retryAfterSeconds));

  try {
    const outcome = await changeOwnPassword(parsed.data.currentPassword, parsed.data.newPassword);
    if (outcome === 'wrong_current_password')
      return failure('Validation failed', { currentPassword: ['Current password is incorrect'] });
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'changePassword', userId: user.id, requestId: context.requestId });
    return failure('Could not change the password. Please try again.');
  }
  await recordSecurityEvent('account.password_changed', {
    userId: user.id,
    address: context.address,
    requestId: context.requestId,
  });
  return { success: true, message: 'Password changed. Other devices have been signed out.' };
}

export async function deleteAccount(stateOrForm: unknown, maybeForm?: FormData): Promise<DeleteAccountResult> {
  const formData = formDataFrom(stateOrForm, maybeForm);
  const user = await requireUser('/account');
  if (formText(formData, 'confirmEmail').trim().toLowerCase() !== user.email) {
    return failure('Validation failed', { confirmEmail: [DELETE_CONFIRMATION_MESSAGE] });
  }
  const context = await requestContext();
  try {
    await deleteOwnAccount();
  } catch (error) {
    unstable_rethrow(error);
    logUnexpected(error, { action: 'deleteAccount', userId: user.id, requestId: context.requestId });
    return failure('Could not delete the account. Please try again.');
  }
  // The session row went with the account; the cookies are now only dead weight.
  const jar = await cookies();
  for (const cookie of jar.getAll()) if (cookie.name.includes('better-auth')) jar.delete(cookie.name);
  redirect('/login?deleted=1');
}
