// What the account messages say: the reset link, "your password was changed", the verification link.
// Composed here (composeMail: links absolute on APP_URL), sent only through enqueueMail.
import 'server-only';
import { APP_NAME, composeMail, type MailMessage } from './message';

export function passwordResetMail(to: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: `Reset your ${APP_NAME} password`,
    paragraphs: [
      `Someone (we hope you) asked to reset the password of the ${APP_NAME} account for ${to}.`,
      'The link below works once, for 1 hour. If you did not ask for it, ignore this message: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', path: `/reset-password?token=${encodeURIComponent(token)}` },
  });
}

/** How the password was changed: with an emailed reset link, or on the account page while signed in. */
export type PasswordChangeWay = 'reset_link' | 'account_page';

export function passwordChangedMail(to: string, way: PasswordChangeWay): MailMessage {
  const how =
    way === 'reset_link'
      ? 'with a reset link, and every device was signed out'
      : 'on your account page, and every other device was signed out';
  return composeMail({
    to,
    subject: `Your ${APP_NAME} password was changed`,
    paragraphs: [
      `The password of your ${APP_NAME} account (${to}) was just changed ${how}.`,
      'If this was not you, ask for a new reset link at once with the address below, and choose a new password.',
    ],
    action: { label: 'Reset your password', path: '/forgot-password' },
  });
}

export function verificationMail(to: string, token: string): MailMessage {
  return composeMail({
    to,
    subject: `Confirm your email address for ${APP_NAME}`,
    paragraphs: [
      `Please confirm that ${to} is your address, so that you can reset your password if you ever forget it.`,
      'The link below works for 24 hours. If you did not create this account, ignore this message.',
    ],
    action: { label: 'Confirm my email address', path: `/verify-email?token=${encodeURIComponent(token)}` },
  });
}
