'use server';
// The account page's actions: preferences (time zone, weight unit), reminder settings, change password (needs the
// current one; other sessions end) and delete the account (after typing the email and the
// password) with all its pets and photos.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { deleteOwnAccount } from '@/data/account';
import { recordSecurityEvent } from '@/data/audit';
import { changePassword as changeAccountPassword, clearSessionCookies, verifyPassword } from '@/data/auth';
import { updatePreferences as saveAccountPreferences } from '@/data/preferences';
import { saveReminderSettings } from '@/data/reminders/settings';
import { consumeRateLimit } from '@/data/rate-limits';
import { failure, type ActionResult } from '@/lib/action-result';
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@/lib/common-passwords';
import { asFormData, formText, readSubmission } from '@/lib/form-submission';
import { RATE_LIMIT_RULES, tooManyAttemptsMessage } from '@/lib/rate-limit';
import {
  changePasswordSchema,
  DELETE_CONFIRMATION_MESSAGE,
  DELETE_PASSWORD_MESSAGES,
  deleteAccountSchema,
} from '@/lib/validations/account';
import { preferencesSchema } from '@/lib/validations/preferences';
import { reminderSettingsSchema } from '@/lib/validations/reminders';
import { runAction } from './run-action';

export type ChangePasswordResult = ActionResult<'currentPassword' | 'newPassword'>;
export type DeleteAccountResult = ActionResult<'confirmEmail' | 'password'>;
export type UpdatePreferencesResult = ActionResult<'timeZone' | 'weightUnit'> & {
  /** What was chosen, shown again whatever the outcome (the form is reset after its action). */
  values?: { timeZone: string; weightUnit: string };
};

const MESSAGES = {
  validationFailed: 'Validation failed',
  wrongCurrentPassword: 'Current password is incorrect',
  changeFailed: 'Could not change the password. Please try again.',
  changed: 'Password changed. Other devices have been signed out.',
  deleteFailed: 'Could not delete the account. Please try again.',
  preferencesFailed: 'Could not save your preferences. Please try again.',
  preferencesSaved: 'Preferences saved.',
  remindersFailed: 'Could not save your reminder settings. Please try again.',
  remindersOn: 'Reminders saved: a daily email at the time you chose, on days something is due.',
  remindersOff: 'Reminders saved: email reminders are off.',
} as const;

export type UpdateReminderSettingsResult = ActionResult<'enabled' | 'time'> & {
  /** What was chosen, shown again whatever the outcome (the form is reset after its action). */
  values?: { enabled: boolean; time: string };
};

export async function updateReminderSettings(
  previousState: UpdateReminderSettingsResult | null,
  formData: FormData,
): Promise<UpdateReminderSettingsResult> {
  const submission = readSubmission(asFormData(formData), reminderSettingsSchema);
  const values = {
    enabled: formText.parse(submission.payload.enabled) === 'on',
    time: formText.parse(submission.payload.time),
  };
  return runAction(
    {
      action: 'updateReminderSettings',
      signedOut: { returnTo: '/account' },
      unexpected: () => ({ ...failure(MESSAGES.remindersFailed), values }),
    },
    async ({ user }) => {
      if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
      await saveReminderSettings(user, submission.data);
      revalidatePath('/account');
      return {
        success: true,
        message: submission.data.enabled ? MESSAGES.remindersOn : MESSAGES.remindersOff,
        values: submission.data,
      };
    },
  );
}

export async function updatePreferences(
  previousState: UpdatePreferencesResult | null,
  formData: FormData,
): Promise<UpdatePreferencesResult> {
  const submission = readSubmission(asFormData(formData), preferencesSchema);
  const values = {
    timeZone: formText.parse(submission.payload.timeZone),
    weightUnit: formText.parse(submission.payload.weightUnit),
  };
  return runAction(
    {
      action: 'updatePreferences',
      signedOut: { returnTo: '/account' },
      unexpected: () => ({ ...failure(MESSAGES.preferencesFailed), values }),
    },
    async ({ user }) => {
      if (!submission.success) return { ...failure(MESSAGES.validationFailed, submission.errors), values };
      await saveAccountPreferences(user, submission.data);
      // Dates and times on every page follow the new zone.
      revalidatePath('/', 'layout');
      return { success: true, message: MESSAGES.preferencesSaved, values: submission.data };
    },
  );
}

export async function changePassword(
  previousState: ChangePasswordResult | null,
  formData: FormData,
): Promise<ChangePasswordResult> {
  const submission = readSubmission(asFormData(formData), changePasswordSchema);
  return runAction(
    { action: 'changePassword', signedOut: { returnTo: '/account' }, unexpected: () => failure(MESSAGES.changeFailed) },
    async ({ user, address, requestId }) => {
      if (!submission.success) return failure(MESSAGES.validationFailed, submission.errors);
      const { currentPassword, newPassword } = submission.data;
      if (isCommonPassword(newPassword))
        return failure(MESSAGES.validationFailed, { newPassword: [COMMON_PASSWORD_MESSAGE] });
      const limit = await consumeRateLimit(RATE_LIMIT_RULES.passwordCheckForUser(user.id));
      if (!limit.allowed) return failure(tooManyAttemptsMessage(limit.retryAfterSeconds));

      const outcome = await changeAccountPassword(currentPassword, newPassword);
      if (outcome === 'wrong_current_password')
        return failure(MESSAGES.validationFailed, { currentPassword: [MESSAGES.wrongCurrentPassword] });
      await recordSecurityEvent('account.password_changed', { userId: user.id, address, requestId });
      return { success: true, message: MESSAGES.changed };
    },
  );
}

export async function deleteAccount(
  previousState: DeleteAccountResult | null,
  formData: FormData,
): Promise<DeleteAccountResult> {
  const submission = readSubmission(asFormData(formData), deleteAccountSchema);
  const confirmEmail = formText.parse(submission.payload.confirmEmail);
  return runAction(
    { action: 'deleteAccount', signedOut: { returnTo: '/account' }, unexpected: () => failure(MESSAGES.deleteFailed) },
    async ({ user }) => {
      const errors = {
        ...(confirmEmail.trim().toLowerCase() !== user.email ? { confirmEmail: [DELETE_CONFIRMATION_MESSAGE] } : {}),
        ...(submission.success ? {} : submission.errors),
      };
      if (!submission.success || errors.confirmEmail) return failure(MESSAGES.validationFailed, errors);

      // The password proves it is the owner at the keyboard, not someone at an unlocked session.
      const limit = await consumeRateLimit(RATE_LIMIT_RULES.passwordCheckForUser(user.id));
      if (!limit.allowed) return failure(tooManyAttemptsMessage(limit.retryAfterSeconds));
      if (!(await verifyPassword(submission.data.password)))
        return failure(MESSAGES.validationFailed, { password: [DELETE_PASSWORD_MESSAGES.incorrect] });
      await deleteOwnAccount(user);
      // The session row went with the account; the cookies are now only dead weight.
      await clearSessionCookies();
      redirect('/login?deleted=1');
    },
  );
}
