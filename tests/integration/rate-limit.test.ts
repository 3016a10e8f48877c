// Rate limiting with token buckets in the real database (ADR 0004, ADR 0013): the buckets
// themselves, and the sign-in and registration limits built on them.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { login, register } from '@/actions/auth';
import { db } from '@/db/client';
import { consumeRateLimit, pruneFullRateLimitBuckets, refundRateLimit } from '@/data/rate-limits';
import { resetEnvForTests } from '@/lib/env';
import { Browser } from '../support/next-request';
import { uniqueEmail } from '../support/accounts';

const PASSWORD = 'correct horse battery';
const TOO_MANY = /^Too many attempts\. Try again in \d+ seconds?\.$/;
const INCORRECT = 'Email or password is incorrect';

function withLimits(limits: Record<string, string>) {
  Object.assign(process.env, limits);
  resetEnvForTests();
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith('RATE_LIMIT_')) delete process.env[name];
  resetEnvForTests();
});

async function account(browser = new Browser()) {
  const email = uniqueEmail('limit');
  expect((await browser.submit(register, { email, password: PASSWORD })).kind).toBe('redirected');
  return email;
}

function message(outcome: Awaited<ReturnType<Browser['submit']>>): string | undefined {
  return outcome.kind === 'returned' ? (outcome.value as { message?: string }).message : undefined;
}

const bucket = (capacity: number, periodSeconds: number) => ({ key: `test:${randomUUID()}`, capacity, periodSeconds });

describe('token buckets', () => {
  it('allows the capacity at once, then refuses and says when the next token comes', async () => {
    const rule = bucket(3, 3600);
    for (let attempt = 0; attempt < 3; attempt++) expect(await consumeRateLimit(rule)).toEqual({ allowed: true });
    const refused = await consumeRateLimit(rule);
    expect(refused.allowed).toBe(false);
    // One token every 1200 s.
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(1100);
    expect(refused.allowed || refused.retryAfterSeconds <= 1200).toBe(true);
    // A refusal spends nothing; a refund gives one back.
    await refundRateLimit(rule);
    expect(await consumeRateLimit(rule)).toEqual({ allowed: true });
    expect((await consumeRateLimit(rule)).allowed).toBe(false);
  });

  it('refills continuously', async () => {
    const rule = bucket(2, 1);
    await consumeRateLimit(rule);
    await consumeRateLimit(rule);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await consumeRateLimit(rule)).toEqual({ allowed: true });
  });

  it('never hands out the same token twice to attempts at the same moment', async () => {
    const rule = bucket(5, 3600);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimit(rule)));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
  });

  it('prunes buckets that are full again, and only those', async () => {
    const full = bucket(1, 1);
    const spent = bucket(1, 3600);
    await consumeRateLimit(full);
    await consumeRateLimit(spent);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await pruneFullRateLimitBuckets();
    const keys = (await db().execute(
      sql`select key from rate_limits where key in (${full.key}, ${spent.key})`,
    )) as unknown as { rows: { key: string }[] };
    expect(keys.rows.map((row) => row.key)).toEqual([spent.key]);
    // A pruned bucket is a full one: the verdicts are the same as before.
    expect(await consumeRateLimit(full)).toEqual({ allowed: true });
    expect((await consumeRateLimit(spent)).allowed).toBe(false);
  });
});

describe('sign-in limits', () => {
  it('refuses a guesser at one address after the threshold, even with the right password there', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '5' });
    const email = await account();
    const attacker = new Browser('198.51.100.7');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(message(await attacker.submit(login, { email, password: `wrong-${attempt}-password` }))).toBe(INCORRECT);
    }
    expect(message(await attacker.submit(login, { email, password: 'wrong-6-password' }))).toMatch(TOO_MANY);
    expect(message(await attacker.submit(login, { email, password: PASSWORD }))).toMatch(TOO_MANY);
  });

  it("never locks the owner out from another address: the guesser's failures count where they come from", async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL: '3' });
    const email = await account();
    const attacker = new Browser('198.51.100.8');
    for (let attempt = 1; attempt <= 6; attempt++) await attacker.submit(login, { email, password: 'wrong password' });
    expect(message(await attacker.submit(login, { email, password: PASSWORD }))).toMatch(TOO_MANY);
    expect(await new Browser('203.0.113.80').submit(login, { email, password: PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/pets',
    });
  });

  it('limits a guesser rotating addresses by the account total; the owner still gets in from a known address', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_EMAIL_TOTAL: '3' });
    const home = new Browser('203.0.113.90');
    const email = await account(home);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(message(await new Browser().submit(login, { email, password: 'wrong password' }))).toBe(INCORRECT);
    }
    // A fresh address (forged X-Forwarded-For reaches us as another address) gets nothing more…
    expect(message(await new Browser().submit(login, { email, password: 'wrong password' }))).toMatch(TOO_MANY);
    expect(message(await new Browser().submit(login, { email, password: PASSWORD }))).toMatch(TOO_MANY);
    // …while the owner, from where they registered, is let through.
    expect((await new Browser(home.address).submit(login, { email, password: PASSWORD })).kind).toBe('redirected');
  });

  it('a successful sign-in clears the failures from that address', async () => {
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
  it('limits failed logins from one address across many emails; someone elsewhere is not affected', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_ADDRESS: '4' });
    const sprayer = new Browser('192.0.2.44');
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(message(await sprayer.submit(login, { email: uniqueEmail('spray'), password: 'password123' }))).toBe(
        INCORRECT,
      );
    }
    expect(message(await sprayer.submit(login, { email: uniqueEmail('spray'), password: 'password123' }))).toMatch(
      TOO_MANY,
    );
    expect(message(await new Browser().submit(login, { email: uniqueEmail('other'), password: 'password123' }))).toBe(
      INCORRECT,
    );
  });

  it('never counts successful sign-ins against the address (a class behind one NAT)', async () => {
    withLimits({ RATE_LIMIT_LOGIN_PER_ADDRESS: '3' });
    const school = '192.0.2.60';
    const pupils = [];
    for (let index = 0; index < 6; index++) pupils.push(await account(new Browser(`192.0.2.${61 + index}`)));
    for (const email of pupils) {
      expect((await new Browser(school).submit(login, { email, password: PASSWORD })).kind).toBe('redirected');
    }
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

  it('lets 30 people register from one address in five minutes by default (Supabase Auth: 30 per 5 min)', async () => {
    const classroom = '192.0.2.70';
    for (let index = 0; index < 30; index++) {
      const outcome = await new Browser(classroom).submit(register, {
        email: uniqueEmail('pupil'),
        password: PASSWORD,
      });
      expect(outcome.kind, `registration ${index + 1}`).toBe('redirected');
    }
  }, 180_000);
});
