// Rate limiting of login and register, with counters in the real database.
import { afterEach, describe, expect, it } from 'vitest';
import { login, register } from '@/actions/auth';
import { resetEnvForTests } from '@/lib/env';
import { Browser } from '../support/next-request';
import { uniqueEmail } from '../support/accounts';

const PASSWORD = 'correct horse battery';
const TOO_MANY = /^Too many attempts\. Try again in \d+ seconds?\.$/;

function withLimits(limits: Record<string, string>) {
  Object.assign(process.env, limits);
  resetEnvForTests();
}

afterEach(() => {
  for (const name of [
    'RATE_LIMIT_LOGIN_PER_EMAIL',
    'RATE_LIMIT_LOGIN_PER_ADDRESS',
    'RATE_LIMIT_REGISTER_PER_ADDRESS',
    'RATE_LIMIT_WINDOW_SECONDS',
  ]) {
    delete process.env[name];
  }
  resetEnvForTests();
});

async function account() {
  const email = uniqueEmail('limit');
  expect((await new Browser().submit(register, { email, password: PASSWORD })).kind).toBe('redirected');
  return email;
}

function message(outcome: Awaited<ReturnType<Browser['submit']>>): string | undefined {
  return outcome.kind === 'returned' ? (outcome.value as { message?: string }).message : undefined;
}

describe('login rate limit per email', () => {
  it('refuses after the threshold from one address, even the right password, and says how long to wait', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '5', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const email = await account();
    const attacker = new Browser('198.51.100.7');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(message(await attacker.submit(login, { email, password: `wrong-${attempt}-password` }))).toBe(
        'Email or password is incorrect',
      );
    }
    expect(message(await attacker.submit(login, { email, password: 'wrong-6-password' }))).toMatch(TOO_MANY);
    expect(message(await attacker.submit(login, { email, password: PASSWORD }))).toMatch(TOO_MANY);
  });

  it('cannot be reset by changing address (rotating X-Forwarded-For reaches us as other addresses)', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '3' });
    const email = await account();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await new Browser().submit(login, { email, password: 'wrong password' });
    }
    expect(message(await new Browser().submit(login, { email, password: 'wrong password' }))).toMatch(TOO_MANY);
  });

  it('lets the right password through again once the window has passed', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '2', RATE_LIMIT_WINDOW_SECONDS: '1' });
    const email = await account();
    const browser = new Browser();
    await browser.submit(login, { email, password: 'wrong password' });
    await browser.submit(login, { email, password: 'wrong password' });
    expect(message(await browser.submit(login, { email, password: PASSWORD }))).toMatch(TOO_MANY);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await browser.submit(login, { email, password: PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/pets',
    });
  });

  it('a successful sign-in clears the failures for that email', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '3' });
    const email = await account();
    const browser = new Browser();
    await browser.submit(login, { email, password: 'wrong password' });
    await browser.submit(login, { email, password: 'wrong password' });
    expect((await browser.submit(login, { email, password: PASSWORD })).kind).toBe('redirected');
    await browser.submit(login, { email, password: 'wrong password' });
    await browser.submit(login, { email, password: 'wrong password' });
    expect((await browser.submit(login, { email, password: PASSWORD })).kind).toBe('redirected');
  });
});

describe('rate limits per address', () => {
  it('limits logins from one address across many emails', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_ADDRESS: '4' });
    const sprayer = new Browser('192.0.2.44');
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(message(await sprayer.submit(login, { email: uniqueEmail('spray'), password: 'password123' }))).toBe(
        'Email or password is incorrect',
      );
    }
    expect(message(await sprayer.submit(login, { email: uniqueEmail('spray'), password: 'password123' }))).toMatch(
      TOO_MANY,
    );
    // Someone else, elsewhere, is not affected.
    expect(message(await new Browser().submit(login, { email: uniqueEmail('other'), password: 'password123' }))).toBe(
      'Email or password is incorrect',
    );
  });

  it('limits registrations from one address and creates nothing once over', async () => {
    withLimits({ RATE_LIMIT_REGISTER_PER_ADDRESS: '2' });
    const bot = new Browser('192.0.2.45');
    expect((await bot.submit(register, { email: uniqueEmail('bot'), password: PASSWORD })).kind).toBe('redirected');
    expect((await bot.submit(register, { email: uniqueEmail('bot'), password: PASSWORD })).kind).toBe('redirected');
    const refusedEmail = uniqueEmail('bot');
    expect(message(await bot.submit(register, { email: refusedEmail, password: PASSWORD }))).toMatch(TOO_MANY);
    // The refused registration really created nothing: that email is still free elsewhere.
    expect(await new Browser().submit(register, { email: refusedEmail, password: PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/pets',
    });
  });
});
