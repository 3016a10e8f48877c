// The contract's auth actions against a real database: every message, sessions, redirects.
import { describe, expect, it } from 'vitest';
import { Browser } from '../support/next-request';
import { uniqueEmail } from '../support/accounts';
import { getCurrentUser, login, logout, register } from '@/actions/auth';

const PASSWORD = 'correct horse battery';

async function registered(email = uniqueEmail(), password = PASSWORD) {
  const browser = new Browser();
  const outcome = await browser.submit(register, { email, password });
  expect(outcome).toEqual({ kind: 'redirected', location: '/pets' });
  return { browser, email, password };
}

describe('register', () => {
  it('creates the account, signs in at once and redirects to /pets', async () => {
    const { browser, email } = await registered();
    const me = await browser.call(() => getCurrentUser());
    expect(me).toEqual({ kind: 'returned', value: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), email } });
  });

  it('refuses an invalid email with the contract message', async () => {
    const outcome = await new Browser().submit(register, { email: 'not-an-email', password: PASSWORD });
    expect(outcome).toEqual({
      kind: 'returned',
      value: expect.objectContaining({ success: false, errors: { email: ['Please enter a valid email'] } }),
    });
  });

  it('refuses a short password with the contract message', async () => {
    const outcome = await new Browser().submit(register, { email: uniqueEmail(), password: 'short' });
    expect(outcome).toEqual({
      kind: 'returned',
      value: expect.objectContaining({
        success: false,
        errors: { password: ['Password must be at least 8 characters'] },
      }),
    });
  });

  it('refuses an email that is already registered, in any letter case', async () => {
    const { email } = await registered();
    const outcome = await new Browser().submit(register, { email: email.toUpperCase(), password: 'another password' });
    expect(outcome).toEqual({
      kind: 'returned',
      value: expect.objectContaining({ success: false, message: 'An account with this email already exists' }),
    });
  });

  it('gives back what was typed (never the password) after a failure', async () => {
    const outcome = await new Browser().submit(register, { email: 'typed@', password: 'short' });
    expect(outcome.kind === 'returned' && outcome.value.values).toEqual({ email: 'typed@' });
    expect(JSON.stringify(outcome)).not.toContain('short"');
  });

  it('treats missing fields as empty, with field messages', async () => {
    const outcome = await new Browser().submit(register, {});
    expect(outcome).toEqual({
      kind: 'returned',
      value: expect.objectContaining({
        success: false,
        errors: { email: ['Please enter a valid email'], password: ['Password must be at least 8 characters'] },
      }),
    });
  });
});

describe('login', () => {
  it('signs in and redirects to /pets by default', async () => {
    const { email } = await registered();
    const browser = new Browser();
    expect(await browser.submit(login, { email, password: PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/pets',
    });
    expect(await browser.call(() => getCurrentUser())).toMatchObject({ value: { email } });
  });

  it('redirects to a same-site path given in `redirect`', async () => {
    const { email } = await registered();
    const outcome = await new Browser().submit(login, { email, password: PASSWORD, redirect: '/pets/123?tab=photo' });
    expect(outcome).toEqual({ kind: 'redirected', location: '/pets/123?tab=photo' });
  });

  it.each(['//evil.example', 'https://evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)'])(
    'never redirects off-site (%s → /pets)',
    async (target) => {
      const { email } = await registered();
      expect(await new Browser().submit(login, { email, password: PASSWORD, redirect: target })).toEqual({
        kind: 'redirected',
        location: '/pets',
      });
    },
  );

  it('says the same for a wrong password and an unknown email', async () => {
    const { email } = await registered();
    const wrongPassword = await new Browser().submit(login, { email, password: 'wrong password' });
    const unknownEmail = await new Browser().submit(login, {
      email: uniqueEmail('nobody'),
      password: 'wrong password',
    });
    const expected = {
      kind: 'returned',
      value: expect.objectContaining({ success: false, message: 'Email or password is incorrect' }),
    };
    expect(wrongPassword).toEqual(expected);
    expect(unknownEmail).toEqual(expected);
    // Same shape, not only the same message: nothing tells the two apart.
    if (wrongPassword.kind === 'returned' && unknownEmail.kind === 'returned') {
      expect(Object.keys(wrongPassword.value).sort()).toEqual(Object.keys(unknownEmail.value).sort());
    }
  });

  it.each([
    [{ email: '', password: '' }],
    [{ email: 'someone@example.com', password: '' }],
    [{ email: '   ', password: 'something' }],
    [{}],
  ])('asks for both fields when one is empty (%o)', async (fields) => {
    expect(await new Browser().submit(login, fields as Record<string, string>)).toEqual({
      kind: 'returned',
      value: expect.objectContaining({ success: false, message: 'Email and password are required' }),
    });
  });

  it('issues a new session token at every sign-in', async () => {
    const { email, browser: first } = await registered();
    const tokenBefore = [...first.jar.values()].join();
    const second = new Browser();
    await second.submit(login, { email, password: PASSWORD });
    const tokenAfter = [...second.jar.values()].join();
    expect(tokenAfter).not.toBe('');
    expect(tokenAfter).not.toBe(tokenBefore);
  });
});

describe('logout', () => {
  it('ends the session on the server, so the old cookie no longer works', async () => {
    const { browser } = await registered();
    const stolenCookies = new Map(browser.jar);
    expect(await browser.call(() => logout())).toEqual({ kind: 'redirected', location: '/login' });
    expect(await browser.call(() => getCurrentUser())).toEqual({ kind: 'returned', value: null });

    const attacker = new Browser();
    for (const [name, value] of stolenCookies) attacker.jar.set(name, value);
    expect(await attacker.call(() => getCurrentUser())).toEqual({ kind: 'returned', value: null });
  });

  it('says there is no active session when nobody is signed in', async () => {
    expect(await new Browser().call(() => logout())).toEqual({
      kind: 'returned',
      value: { success: false, message: 'No active session' },
    });
  });
});
