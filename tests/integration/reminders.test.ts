// Email reminders (FR-044, FR-045, FR-046) against a real database (PGlite, and PostgreSQL when
// TEST_DATABASE=postgres) and a real SMTP server (MailDev), on fixed clocks: the settings action and the
// next digest time; the scan (due accounts, its jobs' keys, the next time moved on); a digest that lists
// what is in its lead time with links to the pets, its List-Unsubscribe headers read by an independent
// parser (mailparser) from the raw message; one digest a day however often it runs; an overdue item
// mentioned once; nothing for a deleted pet, record or account, or with reminders off; the one-click
// unsubscribe (POST turns off, GET changes nothing, a forged or another account's token is refused).
import { count, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateReminderSettings } from '@/actions/account';
import { createPet, deletePet } from '@/actions/pets';
import { GET, POST } from '@/app/(auth)/reminders/unsubscribe/route';
import { deleteOwnAccount } from '@/data/account';
import { createVaccination, deleteVaccination } from '@/data/care/vaccinations';
import { createVetVisit } from '@/data/care/visits';
import { updatePreferences } from '@/data/preferences';
import { sendDailyDigest } from '@/data/reminders/digest';
import { scanDueDigests, type DueDigest } from '@/data/reminders/scan';
import { getReminderSettings, saveReminderSettings } from '@/data/reminders/settings';
import { unsubscribePath, unsubscribeToken } from '@/data/reminders/unsubscribe-token';
import { getSessionUser, type SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { digestSends, reminderMentions, userPreferences } from '@/db/schema';
import { withUser, type UserScope } from '@/db/with-user';
import { sendMailHandler } from '@/jobs/handlers/send-mail';
import { startWorkers } from '@/jobs/workers';
import { resetEnvForTests } from '@/lib/env';
import { createJobQueue, stopJobQueue, type JobQueue } from '@/queue/client';
import { freePort, messagesTo, startMailDev, type ReceivedMail, type SmtpServer } from '../support/maildev';
import { returned } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const ZONE = 'Europe/Berlin';
// Thursday 10 June 2027, 08:00 CEST (06:00 UTC): the digest's day and time.
const DAY = '2027-06-10';
const AT_EIGHT = new Date('2027-06-10T06:00:00Z');
const dayAfter = (days: number) => new Date(AT_EIGHT.getTime() + days * 86_400_000);
const date = (days: number) => dayAfter(days).toISOString().slice(0, 10);

let boss: JobQueue;
let smtp: SmtpServer;

beforeAll(async () => {
  smtp = await startMailDev(await freePort());
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.smtpPort}`;
  resetEnvForTests();
  boss = createJobQueue();
  await boss.start();
  await startWorkers({
    queue: boss,
    jobs: [{ ...sendMailHandler, retryDelaySeconds: 1, retryDelayMaxSeconds: 2 }],
    pollingIntervalSeconds: 0.5,
  });
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await stopJobQueue(1_000);
  await smtp.stop();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

async function petOf(browser: SignedInBrowser, name: string): Promise<string> {
  const outcome = await browser.submit(createPet, {
    name,
    category: 'Dog',
    birthday: '2020-05-17',
    gender: 'male',
    timezone: 'UTC',
  });
  if (outcome.kind !== 'redirected') throw new Error(JSON.stringify(outcome));
  return new URL(outcome.location, 'http://x').searchParams.get('created')!;
}

async function account(label: string): Promise<{ browser: SignedInBrowser; user: SessionUser; scope: UserScope }> {
  const browser = await signedIn(label);
  const user = returned(await browser.call(() => getSessionUser()))!;
  await updatePreferences(user, { timeZone: ZONE, weightUnit: 'kg' });
  await saveReminderSettings(user, { enabled: true, time: '08:00' });
  const scope: UserScope = { userId: user.id, asUser: (work) => withUser(db(), user.id, work) };
  return { browser, user, scope };
}

const shot = (vaccine: string, nextDueOn: string, remindDaysBefore: 0 | 1 | 3 | 7 | 14 | null) => ({
  vaccine,
  givenOn: '2026-06-01',
  nextDueOn,
  clinic: null,
  batchNumber: null,
  notes: null,
  remindDaysBefore,
});

const visit = (reason: string, visitedOn: string, remindDaysBefore: 0 | 1 | 3 | 7 | 14 | null) => ({
  reason,
  visitedOn,
  clinic: null,
  notes: null,
  costCents: null,
  remindDaysBefore,
});

/** The digest mails MailDev received for `to`, once the send-mail queue has had time to deliver. */
async function digestsTo(to: string, expected: number): Promise<ReceivedMail[]> {
  await vi.waitFor(async () => expect(messagesTo(await smtp.messages(), to, /^Pawprint: /)).toHaveLength(expected), {
    timeout: 15_000,
    interval: 200,
  });
  return messagesTo(await smtp.messages(), to, /^Pawprint: /);
}

async function nextDigestOf(userId: string): Promise<Date | null> {
  const [row] = await withUser(db(), userId, (tx) =>
    tx.select({ at: userPreferences.nextDigestAt }).from(userPreferences).where(eq(userPreferences.userId, userId)),
  );
  return row?.at ?? null;
}

describe('reminder settings', () => {
  it('are saved by the action, placing the next digest at the chosen local time; bad input changes nothing', async () => {
    const { browser, user } = await account('rem-settings');
    const saved = returned(await browser.submit(updateReminderSettings, { enabled: 'on', time: '07:30' }));
    expect(saved).toMatchObject({ success: true, values: { enabled: true, time: '07:30' } });
    expect(await getReminderSettings(user)).toEqual({ enabled: true, time: '07:30' });
    const next = (await nextDigestOf(user.id))!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    // 07:30 in Berlin is 05:30 (summer) or 06:30 (winter) UTC.
    expect(['05:30', '06:30']).toContain(next.toISOString().slice(11, 16));

    const refused = returned(await browser.submit(updateReminderSettings, { enabled: 'on', time: '25:00' }));
    expect(refused).toMatchObject({ success: false, errors: { time: [expect.any(String)] } });
    expect(refused.values).toEqual({ enabled: true, time: '25:00' });
    expect(await getReminderSettings(user)).toEqual({ enabled: true, time: '07:30' });

    // A changed zone moves the next digest with it; turning reminders off clears it.
    await updatePreferences(user, { timeZone: 'Asia/Kathmandu', weightUnit: 'kg' });
    expect((await nextDigestOf(user.id))!.toISOString().slice(11, 16)).toBe('01:45');
    returned(await browser.submit(updateReminderSettings, { time: '07:30' }));
    expect(await nextDigestOf(user.id)).toBeNull();
  });
});

describe('the daily scan', () => {
  it('finds the accounts whose digest time has come, keys one job per local day, and moves them on', async () => {
    const { user } = await account('rem-scan');
    await withUser(db(), user.id, (tx) =>
      tx.update(userPreferences).set({ nextDigestAt: AT_EIGHT }).where(eq(userPreferences.userId, user.id)),
    );
    const found: DueDigest[] = [];
    const report = await scanDueDigests(async (digests) => void found.push(...digests), dayAfter(0.01));
    expect(found.filter((digest) => digest.userId === user.id)).toEqual([{ userId: user.id, localDate: DAY }]);
    expect(report.due).toBeGreaterThanOrEqual(1);
    // The next one is the following day's 08:00 CEST.
    expect((await nextDigestOf(user.id))!.toISOString()).toBe(dayAfter(1).toISOString());
    const again: DueDigest[] = [];
    await scanDueDigests(async (digests) => void again.push(...digests), dayAfter(0.02));
    expect(again.filter((digest) => digest.userId === user.id)).toEqual([]);
  });

  it('skips a digest time missed by more than 12 hours (the app was down) but moves the account on', async () => {
    const { user } = await account('rem-stale');
    await withUser(db(), user.id, (tx) =>
      tx.update(userPreferences).set({ nextDigestAt: AT_EIGHT }).where(eq(userPreferences.userId, user.id)),
    );
    const found: DueDigest[] = [];
    await scanDueDigests(async (digests) => void found.push(...digests), dayAfter(0.6));
    expect(found.filter((digest) => digest.userId === user.id)).toEqual([]);
    expect((await nextDigestOf(user.id))!.toISOString()).toBe(dayAfter(1).toISOString());
  });
});

describe('the digest', () => {
  it('lists what is in its lead time, with links to the pets and RFC 8058 headers, once a day', async () => {
    const { browser, user, scope } = await account('rem-digest');
    const [rex, mia] = [await petOf(browser, 'Rex'), await petOf(browser, 'Mia')];
    await createVaccination(user, rex, shot('Rabies', date(3), 7), null);
    await createVaccination(user, rex, shot('DHPP', date(1), null), null); // no reminder asked for
    await createVaccination(user, mia, shot('FVRCP', date(10), 7), null); // not yet in its lead time
    await createVetVisit(user, mia, visit('dental check', DAY, 0), null);

    expect(await sendDailyDigest(scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('handed-over');
    const [mail] = await digestsTo(user.email, 1);
    expect(mail!.subject).toBe('Pawprint: 2 things due for Mia and Rex soon');
    expect(mail!.text).toContain(
      `Mia: Vet visit: dental check — today: http://localhost:3000/pets/${mia}#visits-heading`,
    );
    expect(mail!.text).toContain(
      `Rex: Rabies vaccination due — in 3 days, 13 Jun 2027: http://localhost:3000/pets/${rex}#vaccinations-heading`,
    );
    expect(mail!.text).not.toContain('DHPP');
    expect(mail!.text).not.toContain('FVRCP');
    expect(mail!.html).toContain(`<a href="http://localhost:3000/pets/${rex}#vaccinations-heading">`);

    // The raw message, read by an independent parser.
    const raw = await (await fetch(`http://127.0.0.1:${smtp.webPort}/api/email/${mail!.id}/source`)).text();
    const parsed = await simpleParser(raw);
    const link = `http://localhost:3000${unsubscribePath(user.id)}`;
    const header = (key: string) => parsed.headerLines.find((line) => line.key === key)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${link}> (Turn off email reminders)`);
    expect(parsed.headers.get('list')).toMatchObject({ 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
    expect(parsed.text).toContain(link);

    // Again the same day (a retry, a second instance): nothing more is sent.
    expect(await sendDailyDigest(scope, DAY, { now: dayAfter(0.01), queue: boss })).toBe('nothing-to-send');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(messagesTo(await smtp.messages(), user.email, /^Pawprint: /)).toHaveLength(1);

    // The next day Rabies is 2 days off (in its 7); on its day + 1 it is overdue: mentioned once more, then not again.
    expect(await sendDailyDigest(scope, date(1), { now: dayAfter(1), queue: boss })).toBe('handed-over');
    expect(await sendDailyDigest(scope, date(4), { now: dayAfter(4), queue: boss })).toBe('handed-over');
    const mails = await digestsTo(user.email, 3);
    expect(mails[2]!.subject).toBe('Pawprint: 2 things due for Rex and Mia soon');
    expect(mails[2]!.text).toContain('Rex: Rabies vaccination due — overdue since 13 Jun 2027');
    expect(mails[2]!.text).toContain('Mia: FVRCP vaccination due — in 6 days, 20 Jun 2027');
    expect(await sendDailyDigest(scope, date(5), { now: dayAfter(5), queue: boss })).toBe('handed-over');
    const fourth = (await digestsTo(user.email, 4))[3]!;
    expect(fourth.subject).toBe('Pawprint: 1 thing due for Mia soon');
    expect(fourth.text).not.toContain('Rabies');
  });

  it('sends nothing for a deleted record, a deleted pet, a deleted account, or with reminders off', async () => {
    const record = await account('rem-del-record');
    const rex = await petOf(record.browser, 'Rex');
    const { id } = (await createVaccination(record.user, rex, shot('Rabies', DAY, 0), null))!.record;
    await deleteVaccination(record.user, rex, id);
    expect(await sendDailyDigest(record.scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('nothing-to-send');

    const pet = await account('rem-del-pet');
    const bo = await petOf(pet.browser, 'Bo');
    await createVetVisit(pet.user, bo, visit('check-up', DAY, 0), null);
    expect(await pet.browser.submit(deletePet, { id: bo })).toMatchObject({ kind: 'redirected' });
    expect(await sendDailyDigest(pet.scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('nothing-to-send');

    const off = await account('rem-off');
    const kit = await petOf(off.browser, 'Kit');
    await createVetVisit(off.user, kit, visit('check-up', DAY, 0), null);
    await saveReminderSettings(off.user, { enabled: false, time: '08:00' });
    expect(await sendDailyDigest(off.scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('nothing-to-send');

    const gone = await account('rem-gone');
    const max = await petOf(gone.browser, 'Max');
    await createVetVisit(gone.user, max, visit('check-up', DAY, 0), null);
    await deleteOwnAccount(gone.user);
    expect(await sendDailyDigest(gone.scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('nothing-to-send');

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const each of [record, pet, off, gone])
      expect(messagesTo(await smtp.messages(), each.user.email, /^Pawprint: /)).toEqual([]);
  });
});

describe('one-click unsubscribe', () => {
  const request = (token: string, init?: RequestInit) =>
    new Request(`http://localhost:3000/reminders/unsubscribe?token=${encodeURIComponent(token)}`, init);
  const oneClick = { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) };

  it('turns reminders off by a POST with the signed link; a GET changes nothing; forged links are refused', async () => {
    const alice = await account('rem-unsub-a');
    const bob = await account('rem-unsub-b');

    const viewed = GET(request(unsubscribeToken(alice.user.id)));
    expect(viewed.status).toBe(303);
    expect(viewed.headers.get('location')).toContain('/reminders/unsubscribe/confirm?token=');
    expect((await getReminderSettings(alice.user)).enabled).toBe(true);

    // Bob's id with Alice's signature, an altered signature, nothing at all.
    const [, aliceSignature] = unsubscribeToken(alice.user.id).split('.');
    for (const forged of [`${bob.user.id}.${aliceSignature}`, `${alice.user.id}.${'A'.repeat(43)}`, '']) {
      const refused = await POST(request(forged, oneClick));
      expect(refused.status).toBe(400);
    }
    expect((await getReminderSettings(alice.user)).enabled).toBe(true);
    expect((await getReminderSettings(bob.user)).enabled).toBe(true);

    const done = await POST(request(unsubscribeToken(alice.user.id), oneClick));
    expect(done.status).toBe(200);
    expect((await getReminderSettings(alice.user)).enabled).toBe(false);
    expect(await nextDigestOf(alice.user.id)).toBeNull();
    expect((await getReminderSettings(bob.user)).enabled).toBe(true);

    // The page's own button: a redirect to the page that says so. The same link works again.
    const fromPage = await POST(
      request(unsubscribeToken(alice.user.id), { method: 'POST', body: new URLSearchParams({ from: 'page' }) }),
    );
    expect(fromPage.status).toBe(303);
    expect(fromPage.headers.get('location')).toContain('outcome=off');
  });
});

it('keeps the sent-record and the mentions under row-level security: only their account sees them', async () => {
  const owner = await account('rem-rls-owner');
  const other = await account('rem-rls-other');
  const rex = await petOf(owner.browser, 'Rex');
  await createVaccination(owner.user, rex, shot('Rabies', date(-1), 0), null);
  expect(await sendDailyDigest(owner.scope, DAY, { now: AT_EIGHT, queue: boss })).toBe('handed-over');
  const counts = (userId: string) =>
    withUser(db(), userId, async (tx) => [
      (await tx.select({ n: count() }).from(digestSends))[0]!.n,
      (await tx.select({ n: count() }).from(reminderMentions))[0]!.n,
    ]);
  expect(await counts(owner.user.id)).toEqual([1, 1]);
  expect(await counts(other.user.id)).toEqual([0, 0]);
});
