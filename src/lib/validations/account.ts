// The account page's forms: change password, delete account.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, registerSchema } from './auth';

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Enter your current password' })
      .min(1, 'Enter your current password')
      .max(PASSWORD_MAX_LENGTH, 'Current password is incorrect'),
    newPassword: registerSchema.shape.password,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    error: 'Choose a password different from the current one',
  });

export const DELETE_CONFIRMATION_MESSAGE = 'Type your email exactly as shown to confirm';
export const DELETE_PASSWORD_MESSAGES = {
  required: 'Enter your password to confirm',
  incorrect: 'Password is incorrect',
} as const;

/** Deleting the account: the email typed to confirm (checked against the session's) and the password. */
export const deleteAccountSchema = z.object({
  confirmEmail: z.string({ error: DELETE_CONFIRMATION_MESSAGE }),
  password: z
    .string({ error: DELETE_PASSWORD_MESSAGES.required })
    .min(1, DELETE_PASSWORD_MESSAGES.required)
    .max(PASSWORD_MAX_LENGTH, DELETE_PASSWORD_MESSAGES.incorrect),
});
