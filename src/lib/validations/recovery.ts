// Account recovery's forms (ADR 0014): asking for a reset link, and choosing a new password with it.
// The new password follows registration's rules (8–128 characters; common ones are refused in the action).
import { z } from 'zod';
import { registerSchema } from './auth';

/** Reset tokens are 24 characters; anything far longer is no token of ours. */
const TOKEN_MAX_LENGTH = 256;

export const RESET_LINK_INVALID_MESSAGE = 'This reset link has expired or was already used. Ask for a new one.';

export const forgotPasswordSchema = z.object({ email: registerSchema.shape.email });

export const resetPasswordSchema = z.object({
  token: z
    .string({ error: RESET_LINK_INVALID_MESSAGE })
    .min(1, RESET_LINK_INVALID_MESSAGE)
    .max(TOKEN_MAX_LENGTH, RESET_LINK_INVALID_MESSAGE),
  newPassword: registerSchema.shape.password,
});
