// The account's preferences: the time zone a new account starts with (the browser's), choosing
// another zone and a weight unit on /account, and what a forged or unknown value does (nothing).
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { updatePreferences } from '@/actions/account';
import { getCurrentUser, register } from '@/actions/auth';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { stopJobQueue } from '@/queue/client';
import { uniqueEmail } from '../support/accounts';
import { Browser, returned } from '../support/next-request';

afterAll(async () => {
  await stopJobQueue(1_000);
});

async function newAccount(fields: Record<string, string> = {}) {
  const browser = new Browser();
  const outcome = await browser.submit(register, {
    email: uniqueEmail('prefs'),
    password: 'correct horse battery',
    ...fields,
  });
  expect(outcome).toEqual({ kind: 'redirected', location: '/pets' });
  const me = returned(await browser.call(() => getCurrentUser()));
  const preferences = () => browser.call(async () => getPreferences(await requireUser()));
  return { browser, userId: me!.id, preferences: async () => returned(await preferences()) };
}

describe('the time zone a new account starts with', () => {
  it('is the one the browser reported, in the runtime spelling', async () => {
    const account = await newAccount({ timeZone: 'Asia/Kathmandu' });
    expect(await account.preferences()).toEqual({ timeZone: 'Asia/Katmandu', weightUnit: 'kg' });
  });

  it.each([
    ['', 'no JavaScript'],
    ['Mars/Olympus_Mons', 'unknown'],
    ['x'.repeat(200), 'absurd'],
  ])('is UTC when the browser sent %j (%s), and the account is still created', async (timeZone) => {
    const account = await newAccount({ timeZone });
    expect(await account.preferences()).toEqual({ timeZone: 'UTC', weightUnit: 'kg' });
  });
});

describe('updatePreferences', () => {
  it('saves a zone and a unit; the next read shows them', async () => {
    const account = await newAccount({ timeZone: 'Europe/Berlin' });
    const result = returned(
      await account.browser.submit(updatePreferences, { timeZone: 'America/New_York', weightUnit: 'lb' }),
    );
    expect(result).toMatchObject({ success: true, message: 'Preferences saved.' });
    expect(await account.preferences()).toEqual({ timeZone: 'America/New_York', weightUnit: 'lb' });
  });

  it.each<[Record<string, string>, Record<string, string[]>]>([
    [{ timeZone: 'Nowhere/Special', weightUnit: 'kg' }, { timeZone: ['Choose a time zone from the list.'] }],
    [{ timeZone: 'Europe/Berlin', weightUnit: 'stone' }, { weightUnit: ['Choose kilograms or pounds.'] }],
    [{ weightUnit: 'kg' }, { timeZone: ['Choose a time zone from the list.'] }],
  ])('refuses %j with a specific message and changes nothing', async (fields, errors) => {
    const account = await newAccount({ timeZone: 'Australia/Lord_Howe' });
    const result = returned(await account.browser.submit(updatePreferences, fields));
    expect(result).toMatchObject({ success: false, errors });
    // What was chosen comes back, so the form shows it again.
    expect(result.values).toEqual({ timeZone: fields.timeZone ?? '', weightUnit: fields.weightUnit });
    expect(await account.preferences()).toEqual({ timeZone: 'Australia/Lord_Howe', weightUnit: 'kg' });
  });

  it('signed out: sent to sign in, nothing saved', async () => {
    const outcome = await new Browser().submit(updatePreferences, { timeZone: 'UTC', weightUnit: 'lb' });
    expect(outcome).toEqual({ kind: 'redirected', location: '/login?redirect=%2Faccount' });
  });
});

describe('row-level security on user_preferences', () => {
  it("one account can neither read nor overwrite another's preferences", async () => {
    const alice = await newAccount({ timeZone: 'Europe/Berlin' });
    const bob = await newAccount({ timeZone: 'America/New_York' });
    const seen = await withUser(db(), bob.userId, async (tx) => {
      const read = (await tx.execute(sql`select user_id from user_preferences`)) as unknown as {
        rows: { user_id: string }[];
      };
      const changed = (await tx.execute(
        sql`update user_preferences set time_zone = 'UTC' where user_id = ${alice.userId}`,
      )) as unknown as { rowCount?: number; affectedRows?: number };
      return { read: read.rows.map((row) => row.user_id), changed: changed.rowCount ?? changed.affectedRows ?? 0 };
    });
    expect(seen).toEqual({ read: [bob.userId], changed: 0 });
    expect(await alice.preferences()).toEqual({ timeZone: 'Europe/Berlin', weightUnit: 'kg' });
  });
});
