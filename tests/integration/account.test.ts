// Account safety beyond the contract: common passwords, the audit log, changing the password,
// deleting the account with everything in it.
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { changePassword, deleteAccount } from '@/actions/account';
import { getCurrentUser, login, logout, register } from '@/actions/auth';
import { createPet, getPets } from '@/actions/pets';
import { listRecentEvents } from '@/data/audit';
import { requireUser } from '@/data/session';
import { db } from '@/db/client';
import { removeAccountFilesHandler } from '@/jobs/handlers/remove-account-files';
import { jobQueue, stopJobQueue } from '@/queue/client';
import { Browser, returned } from '../support/next-request';
import { uniqueEmail } from '../support/accounts';

const PASSWORD = 'correct horse battery';

afterAll(async () => {
  await stopJobQueue(1_000);
});

async function account(password = PASSWORD) {
  const email = uniqueEmail('account');
  const browser = new Browser();
  expect(await browser.submit(register, { email, password })).toEqual({ kind: 'redirected', location: '/pets' });
  const me = returned(await browser.call(() => getCurrentUser()));
  return { browser, email, userId: me!.id };
}

describe('passwords', () => {
  it.each(['password123', 'iloveyou1', 'Qwertyuiop', 'PASSWORD1'])(
    'refuses the common password %s',
    async (password) => {
      expect(returned(await new Browser().submit(register, { email: uniqueEmail(), password }))).toMatchObject({
        success: false,
        errors: { password: ['This password is too common'] },
      });
    },
  );

  it('accepts 128 characters, refuses 129', async () => {
    await account('a'.repeat(100) + 'b'.repeat(28));
    expect(
      returned(await new Browser().submit(register, { email: uniqueEmail(), password: 'x'.repeat(129) })).errors,
    ).toEqual({
      password: ['Password must be at most 128 characters'],
    });
  });

  it('never trims a password: the spaces are part of it', async () => {
    const { email } = await account('  spaced out pass  ');
    expect(returned(await new Browser().submit(login, { email, password: 'spaced out pass' })).message).toBe(
      'Email or password is incorrect',
    );
    expect((await new Browser().submit(login, { email, password: '  spaced out pass  ' })).kind).toBe('redirected');
  });
});

describe('the audit log', () => {
  it('records who, what and from where, shows a user only their own events, and never a password', async () => {
    const alice = await account();
    await new Browser('198.51.100.23').submit(login, { email: alice.email, password: 'not my password' });
    await alice.browser.submit(createPet, {
      name: 'Audited',
      category: 'Cat',
      birthday: '2020-02-02',
      gender: 'other',
    });
    const bob = await account();

    const events = returned(await alice.browser.call(async () => listRecentEvents(await requireUser(), 50)));
    expect(events.map((event) => event.event)).toEqual(
      expect.arrayContaining(['auth.register.succeeded', 'auth.login.failed', 'pet.created']),
    );
    expect(events.find((event) => event.event === 'auth.login.failed')?.ipAddress).toBe('198.51.100.23');
    const bobsEvents = returned(await bob.browser.call(async () => listRecentEvents(await requireUser(), 50)));
    expect(bobsEvents.every((event) => !events.some((mine) => mine.id === event.id))).toBe(true);

    const raw = (await db().execute(sql`select * from audit_events`)) as unknown as { rows: unknown[] };
    expect(JSON.stringify(raw.rows)).not.toContain('not my password');
    expect(JSON.stringify(raw.rows)).not.toContain(PASSWORD);
  });
});

describe('the audit log under a flood', () => {
  it("folds an attacker's failures and refusals into a few counted rows; the owner's own events stay in view", async () => {
    const owner = await account();
    await owner.browser.submit(createPet, { name: 'Mine', category: 'Cat', birthday: '2020-02-02', gender: 'other' });
    const attackers = Array.from({ length: 6 }, (_, index) => new Browser(`198.51.100.${120 + index}`));
    let attempts = 0;
    for (let round = 0; round < 15; round++) {
      for (const attacker of attackers) {
        await attacker.submit(login, { email: owner.email, password: `guess-${round}-password` });
        attempts++;
      }
    }
    const rows = (await db().execute(
      sql`select event, count from audit_events where user_id = ${owner.userId}`,
    )) as unknown as { rows: { event: string; count: number }[] };
    const attackRows = rows.rows.filter(
      (row) => row.event === 'auth.login.failed' || row.event === 'auth.rate_limited',
    );
    // Every attempt is counted, in a handful of rows (one per counter per 15-minute window).
    expect(attackRows.reduce((sum, row) => sum + row.count, 0)).toBe(attempts);
    expect(attackRows.length).toBeLessThanOrEqual(2 * 8);

    const events = returned(await owner.browser.call(async () => listRecentEvents(await requireUser(), 20)));
    expect(events.map((event) => event.event)).toEqual(
      expect.arrayContaining(['auth.register.succeeded', 'pet.created']),
    );
    const counted = events.filter(
      (event) => event.event === 'auth.login.failed' || event.event === 'auth.rate_limited',
    );
    expect(Math.max(...counted.map((event) => event.count))).toBeGreaterThan(1);
  }, 120_000);
});

describe('sessions', () => {
  it('end 30 days after sign-in however recently they were used (the row goes too)', async () => {
    const { browser, userId } = await account();
    await db().execute(sql`update sessions set created_at = now() - interval '29 days' where user_id = ${userId}`);
    expect(returned(await browser.call(() => getCurrentUser()))?.id).toBe(userId);
    await db().execute(sql`update sessions set created_at = now() - interval '31 days' where user_id = ${userId}`);
    expect(returned(await browser.call(() => getCurrentUser()))).toBeNull();
    const left = (await db().execute(
      sql`select count(*)::int as n from sessions where user_id = ${userId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(left.rows[0]?.n).toBe(0);
  });
});

describe('changing the password', () => {
  it('needs the current password', async () => {
    const { browser } = await account();
    expect(
      returned(
        await browser.submit(changePassword, { currentPassword: 'wrong password', newPassword: 'a brand new secret' }),
      ).errors,
    ).toEqual({
      currentPassword: ['Current password is incorrect'],
    });
  });

  it('refuses a common or short new password', async () => {
    const { browser } = await account();
    expect(
      returned(await browser.submit(changePassword, { currentPassword: PASSWORD, newPassword: 'password123' })).errors,
    ).toEqual({
      newPassword: ['This password is too common'],
    });
    expect(
      returned(await browser.submit(changePassword, { currentPassword: PASSWORD, newPassword: 'short' })).errors,
    ).toEqual({
      newPassword: ['Password must be at least 8 characters'],
    });
  });

  it('changes it, keeps this device signed in and signs every other device out', async () => {
    const { browser, email } = await account();
    const otherDevice = new Browser();
    await otherDevice.submit(login, { email, password: PASSWORD });
    expect(returned(await otherDevice.call(() => getCurrentUser()))).not.toBeNull();

    expect(
      returned(await browser.submit(changePassword, { currentPassword: PASSWORD, newPassword: 'a brand new secret' })),
    ).toMatchObject({ success: true });
    expect(returned(await browser.call(() => getCurrentUser()))?.email).toBe(email);
    expect(returned(await otherDevice.call(() => getCurrentUser()))).toBeNull();
    expect(returned(await new Browser().submit(login, { email, password: PASSWORD })).message).toBe(
      'Email or password is incorrect',
    );
    expect((await new Browser().submit(login, { email, password: 'a brand new secret' })).kind).toBe('redirected');
  });
});

describe('deleting the account', () => {
  it('needs the email typed exactly', async () => {
    const { browser } = await account();
    expect(
      returned(await browser.submit(deleteAccount, { confirmEmail: 'someone@else.example', password: PASSWORD }))
        .errors,
    ).toEqual({
      confirmEmail: ['Type your email exactly as shown to confirm'],
    });
    expect(returned(await browser.call(() => getCurrentUser()))).not.toBeNull();
  });

  it('needs the password: missing or wrong, nothing is deleted', async () => {
    const { browser, email, userId } = await account();
    await browser.submit(createPet, { name: 'Kept', category: 'Dog', birthday: '2019-09-09', gender: 'male' });
    expect(returned(await browser.submit(deleteAccount, { confirmEmail: email })).errors).toEqual({
      password: ['Enter your password to confirm'],
    });
    expect(returned(await browser.submit(deleteAccount, { confirmEmail: email, password: 'not my password' }))).toEqual(
      { success: false, message: 'Validation failed', errors: { password: ['Password is incorrect'] } },
    );
    expect(returned(await browser.call(() => getCurrentUser()))?.id).toBe(userId);
    expect(returned(await browser.call(() => getPets({}))).total).toBe(1);
  });

  it('deletes the account with all its pets and sessions, and hands its files to a job', async () => {
    const { browser, email, userId } = await account();
    await browser.submit(createPet, { name: 'Gone', category: 'Dog', birthday: '2019-09-09', gender: 'male' });
    const someoneElse = await account();
    await someoneElse.browser.submit(createPet, {
      name: 'Stays',
      category: 'Cat',
      birthday: '2019-09-09',
      gender: 'female',
    });

    expect(await browser.submit(deleteAccount, { confirmEmail: email.toUpperCase(), password: PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/login?deleted=1',
    });
    expect(returned(await browser.call(() => getCurrentUser()))).toBeNull();
    const left = (await db().execute(
      sql`select count(*)::int as n from pets where user_id = ${userId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(left.rows[0]?.n).toBe(0);
    // The objects go in the remove-account-files job (account-files.test.ts shows them go).
    const queued = await (await jobQueue()).findJobs(removeAccountFilesHandler.name, { data: { userId } });
    expect(queued.map((job) => job.data)).toEqual([{ userId }, { userId }]);
    expect(returned(await new Browser().submit(login, { email, password: PASSWORD })).message).toBe(
      'Email or password is incorrect',
    );
    expect(returned(await someoneElse.browser.call(() => getPets({}))).total).toBe(1);
  });

  it('a signed-out visitor cannot delete anything', async () => {
    const { browser } = await account();
    await browser.call(() => logout());
    expect((await browser.submit(deleteAccount, { confirmEmail: 'x', password: PASSWORD })).kind).toBe('redirected');
  });
});
