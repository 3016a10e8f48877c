import { describe, expect, it } from 'vitest';
import { registerSchema } from '@/lib/validations/auth';

const messages = (input: unknown) => {
  const result = registerSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe('registerSchema', () => {
  it('accepts a valid email and an 8-character password, normalising the email', () => {
    expect(registerSchema.parse({ email: '  Ann@Example.COM ', password: '12345678' })).toEqual({
      email: 'ann@example.com',
      password: '12345678',
    });
  });

  it('keeps spaces in passwords (never trimmed)', () => {
    expect(registerSchema.parse({ email: 'a@b.co', password: '  spaced  ' }).password).toBe('  spaced  ');
  });

  it.each(['', 'plain', 'a@', '@b.co', 'a b@c.co'])('refuses the email %j with the contract message', (email) => {
    expect(messages({ email, password: '12345678' }).email).toEqual(['Please enter a valid email']);
  });

  it('refuses passwords under 8 and over 128 characters', () => {
    expect(messages({ email: 'a@b.co', password: '1234567' }).password).toEqual([
      'Password must be at least 8 characters',
    ]);
    expect(messages({ email: 'a@b.co', password: 'x'.repeat(129) }).password).toEqual([
      'Password must be at most 128 characters',
    ]);
  });
});
