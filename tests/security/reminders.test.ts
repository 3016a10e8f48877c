// Reminders attacked over HTTP against the production build (FR-045, FR-046; ADR 0037): the one-click
// unsubscribe link (no session, no CSRF token) with A's signature on B's id, an altered or missing
// signature, a GET (a mail scanner following the link), a cross-site POST the proxy knows is forged;
// and the reminder settings action with smuggled owner fields and bad values. Nothing but the one
// account a valid link names ever changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { unsubscribeToken } from '@/data/reminders/unsubscribe-token';
import type { HttpClient } from '../support/http';
import { clientFor, closeDbPool, context, db, Ledger } from './support/harness';

const ONE_CLICK = 'List-Unsubscribe=One-Click';

const reminderSettingsAction = () => {
  const id = context().allActions['src/actions/account.ts#updateReminderSettings'];
  if (!id) throw new Error('the build exposes no updateReminderSettings');
  return id;
};

/** Reminders on at 08:00 for both accounts, as the superuser writes them. */
async function remindersOnForBoth(): Promise<void> {
  const { a, b } = context();
  for (const userId of [a.userId, b.userId])
    await db().query(
      `insert into user_preferences (user_id, reminders_enabled, reminder_time, next_digest_at)
       values ($1, true, '08:00', now() + interval '1 day')
       on conflict (user_id) do update set reminders_enabled = true, reminder_time = '08:00', next_digest_at = now() + interval '1 day'`,
      [userId],
    );
}

async function settingsOf(userId: string): Promise<{ on: boolean; time: string; next: string | null }> {
  const { rows } = await db().query<{ on: boolean; time: string; next: string | null }>(
    `select reminders_enabled as on, reminder_time::text as time, next_digest_at::text as next from user_preferences where user_id = $1`,
    [userId],
  );
  return rows[0]!;
}

let anonymous: HttpClient;
let bob: HttpClient;
const ledger = new Ledger('reminders');

beforeAll(async () => {
  // Sign links as the server does (its secret), to forge them the ways an attacker could.
  process.env.BETTER_AUTH_SECRET = context().authSecret;
  process.env.APP_URL = context().origin;
  resetEnvForTests();
  anonymous = clientFor(null, '127.0.0.5');
  bob = clientFor(context().b, '127.0.0.5');
  await remindersOnForBoth();
});

afterAll(async () => {
  await closeDbPool();
});

const unsubscribe = (client: HttpClient, token: string, headers: Record<string, string> = {}) =>
  client.request(`/reminders/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: 'POST',
    body: ONE_CLICK,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('the one-click unsubscribe link', () => {
  it('refuses forged links: A’s signature on B’s id, an altered or missing signature, junk', async () => {
    const { a, b } = context();
    const [, signatureOfA] = unsubscribeToken(a.userId).split('.');
    const before = [await settingsOf(a.userId), await settingsOf(b.userId)];
    for (const [label, token] of [
      ['A’s signature on B’s id', `${b.userId}.${signatureOfA}`],
      ['altered signature', `${a.userId}.${signatureOfA!.slice(0, -2)}AA`],
      ['no signature', a.userId],
      ['junk', '../../etc/passwd'],
      ['empty', ''],
    ] as const) {
      const response = await unsubscribe(anonymous, token);
      ledger.attempt(label, response.status === 400, response);
      expect(response.status, label).toBe(400);
    }
    expect([await settingsOf(a.userId), await settingsOf(b.userId)]).toEqual(before);
  });

  it('a GET (a scanner following the link) changes nothing: it only shows the confirm page', async () => {
    const { a } = context();
    const response = await anonymous.request(
      `/reminders/unsubscribe?token=${encodeURIComponent(unsubscribeToken(a.userId))}`,
    );
    expect(response.status).toBe(303);
    expect(String(response.headers.location)).toContain('/reminders/unsubscribe/confirm?token=');
    expect((await settingsOf(a.userId)).on).toBe(true);
    const page = await anonymous.request(String(response.headers.location).replace(/^https?:\/\/[^/]+/, ''));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Turn off email reminders');
    expect((await settingsOf(a.userId)).on).toBe(true);
    ledger.attempt('GET changes nothing', true, []);
  });

  it('a POST from another site is refused by the proxy; a mail provider’s one-click (no Origin) turns off only its account', async () => {
    const { a, b } = context();
    const forged = await unsubscribe(anonymous, unsubscribeToken(a.userId), { 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    expect((await settingsOf(a.userId)).on).toBe(true);
    ledger.attempt('cross-site POST', forged.status === 403, forged);

    const oneClick = await unsubscribe(anonymous, unsubscribeToken(a.userId));
    expect(oneClick.status).toBe(200);
    expect(await settingsOf(a.userId)).toMatchObject({ on: false, next: null });
    expect((await settingsOf(b.userId)).on).toBe(true);
    await remindersOnForBoth();
  });
});

describe('updateReminderSettings', () => {
  it('changes only the signed-in account, whatever owner fields are smuggled in; bad values change nothing', async () => {
    const { a, b } = context();
    const before = await settingsOf(a.userId);
    const { outcome } = await bob.form(
      reminderSettingsAction(),
      { enabled: 'on', time: '06:15', userId: a.userId, user_id: a.userId, id: a.userId },
      { path: '/account' },
    );
    expect(outcome).toMatchObject({ kind: 'returned', value: { success: true } });
    expect(await settingsOf(a.userId)).toEqual(before);
    expect((await settingsOf(b.userId)).time).toBe('06:15:00');
    ledger.attempt('smuggled owner fields', true, []);

    for (const time of ['25:00', '08:00; drop table users', '', '8am']) {
      const refused = await bob.form(reminderSettingsAction(), { enabled: 'on', time }, { path: '/account' });
      expect(refused.outcome, time).toMatchObject({ kind: 'returned', value: { success: false } });
      ledger.attempt(`bad time ${time}`, true, []);
    }
    expect((await settingsOf(b.userId)).time).toBe('06:15:00');

    const signedOut = await anonymous.form(reminderSettingsAction(), { time: '05:00' }, { path: '/account' });
    expect(signedOut.outcome.kind).toBe('redirected');
    expect((await settingsOf(b.userId)).time).toBe('06:15:00');
  });
});
