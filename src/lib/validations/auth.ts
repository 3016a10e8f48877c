// The contract's auth schemas, shared by the forms (instant feedback) and the actions (authoritative).
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// Each field's type error is its "empty" message: a missing field reads like an empty one.
const email = z
  .string({ error: 'Please enter a valid email' })
  .trim()
  .toLowerCase()
  .max(254, 'Please enter a valid email')
  .pipe(z.email('Please enter a valid email'));

export const registerSchema = z.object({
  email,
  // Never trimmed: spaces are part of a password.
  password: z
    .string({ error: 'Password must be at least 8 characters' })
    .min(PASSWORD_MIN_LENGTH, 'Password must be at least 8 characters')
    .max(PASSWORD_MAX_LENGTH, 'Password must be at most 128 characters'),
});

export const loginSchema = z.object({
  email,
  password: z
    .string({ error: 'Password is required' })
    .min(1, 'Password is required')
    .max(PASSWORD_MAX_LENGTH, 'Email or password is incorrect'),
});

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
