// Medications against a real database (PGlite, and PostgreSQL when TEST_DATABASE=postgres): add,
// edit and delete through the actions, specific messages for bad schedules that change nothing,
// foreign and forged ids answered as "not found", a dose marked once under concurrency, undo, and
// row-level security on both tables with the app code out of the picture.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createMedication,
  deleteMedication,
  markDose,
  updateMedication,
  type MedicationFormResult,
} from '@/actions/medications';
import { createPet } from '@/actions/pets';
import { getMedication, listMedications } from '@/data/care/medications';
import { exportedMedications } from '@/data/care/medications/export';
import { getSessionUser, type SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { MEDICATION_MESSAGES } from '@/lib/validations/medication';
import { returned, type ActionOutcome } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const PET = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'male', timezone: 'UTC' };

/** A date `days` from today (UTC: the accounts' zone here), as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}

/** Every day at 00:00 from ten days ago: today's dose (00:00 UTC) is always due. */
const DAILY = {
  kind: 'medication',
  name: 'Apoquel',
  dose: '1 tablet',
  schedule: 'every-n-days',
  intervalDays: '1',
  startDate: dayFromToday(-10),
  endDate: '',
  timeOfDay: '00:00',
  notes: 'With food',
};
const todaysDose = () => `${dayFromToday(0)}T00:00:00.000Z`;

let alice: SignedInBrowser;
let bob: SignedInBrowser;
let aliceUser: SessionUser;
let bobUser: SessionUser;
let alicePet: string;
let bobPet: string;

async function petOf(browser: SignedInBrowser): Promise<string> {
  const outcome = await browser.submit(createPet, PET);
  if (outcome.kind !== 'redirected') throw new Error(JSON.stringify(outcome));
  return new URL(outcome.location, 'http://x').searchParams.get('created')!;
}

async function userOf(browser: SignedInBrowser): Promise<SessionUser> {
  return returned(await browser.call(() => getSessionUser()))!;
}

async function added(browser: SignedInBrowser, petId: string, fields: Record<string, string> = DAILY) {
  const outcome = await browser.submit(createMedication, { ...fields, petId });
  expect(outcome, JSON.stringify(outcome)).toEqual({
    kind: 'redirected',
    location: `/pets/${petId}?care=medication-added#medications`,
  });
  const list = await listMedications(browser === alice ? aliceUser : bobUser, petId);
  return list!.medications.find((medication) => medication.name === fields.name)!.id;
}

async function medicationCount(userId: string): Promise<number> {
  const result = (await withUser(db(), userId, (tx) =>
    tx.execute(sql`select count(*)::int as n from medications`),
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

function failed(outcome: ActionOutcome<MedicationFormResult>) {
  const value = returned(outcome);
  expect(value.success).toBe(false);
  return value;
}

beforeAll(async () => {
  alice = await signedIn('meds-alice');
  bob = await signedIn('meds-bob');
  [aliceUser, bobUser] = [await userOf(alice), await userOf(bob)];
  [alicePet, bobPet] = [await petOf(alice), await petOf(bob)];
});

describe('adding a medication', () => {
  it('stores it with its schedule and shows the next dose', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Shown' });
    const found = await getMedication(aliceUser, alicePet, id);
    expect(found?.medication).toMatchObject({
      name: 'Shown',
      kind: 'medication',
      kindLabel: 'Medication',
      dose: '1 tablet',
      notes: 'With food',
      scheduleText: 'Every day at 00:00',
      finished: false,
      schedule: { kind: 'every-n-days', intervalDays: 1, weekdays: [], startDate: DAILY.startDate, endDate: null },
      nextDose: { at: todaysDose(), when: 'today 00:00', markable: true },
    });
    expect(found?.history).toEqual([]);
  });

  it('weekly on chosen days keeps the days in week order', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...DAILY, name: 'Weekly', schedule: 'weekly', petId: alicePet }))
      form.append(name, value);
    form.append('weekdays', 'TH');
    form.append('weekdays', 'MO');
    const outcome = await alice.call(() => createMedication(null, form));
    expect(outcome.kind).toBe('redirected');
    const list = await listMedications(aliceUser, alicePet);
    const weekly = list!.medications.find((medication) => medication.name === 'Weekly')!;
    expect(weekly.schedule).toMatchObject({ kind: 'weekly', weekdays: ['MO', 'TH'], intervalDays: null });
    expect(weekly.scheduleText).toBe('Every week on Monday and Thursday at 00:00');
  });

  it('the same submission twice is one medication', async () => {
    const fields = { ...DAILY, name: 'Twice', petId: alicePet, submissionId: crypto.randomUUID() };
    const before = await medicationCount(alice.userId);
    const both = await Promise.all([alice.submit(createMedication, fields), alice.submit(createMedication, fields)]);
    expect(both.map((outcome) => outcome.kind)).toEqual(['redirected', 'redirected']);
    expect(await medicationCount(alice.userId)).toBe(before + 1);
  });

  it.each([
    [{ name: '' }, 'name', MEDICATION_MESSAGES.nameRequired],
    [{ name: 'x'.repeat(101) }, 'name', MEDICATION_MESSAGES.nameTooLong],
    [{ dose: 'd'.repeat(101) }, 'dose', MEDICATION_MESSAGES.doseTooLong],
    [{ notes: 'n'.repeat(2001) }, 'notes', MEDICATION_MESSAGES.notesTooLong],
    [{ kind: 'poison' }, 'kind', MEDICATION_MESSAGES.kind],
    [{ schedule: 'hourly' }, 'schedule', MEDICATION_MESSAGES.schedule],
    [{ intervalDays: '0' }, 'intervalDays', MEDICATION_MESSAGES.interval],
    [{ intervalDays: '366' }, 'intervalDays', MEDICATION_MESSAGES.interval],
    [{ intervalDays: '2.5' }, 'intervalDays', MEDICATION_MESSAGES.interval],
    [{ schedule: 'weekly' }, 'weekdays', MEDICATION_MESSAGES.weekdays],
    [{ startDate: '' }, 'startDate', MEDICATION_MESSAGES.startRequired],
    [{ startDate: '2026-02-30' }, 'startDate', MEDICATION_MESSAGES.realDate],
    [{ startDate: '1999-12-31' }, 'startDate', MEDICATION_MESSAGES.dateRange],
    [{ startDate: '2026-05-10', endDate: '2026-05-09' }, 'endDate', MEDICATION_MESSAGES.endBeforeStart],
    [{ timeOfDay: '25:00' }, 'timeOfDay', MEDICATION_MESSAGES.time],
    [{ timeOfDay: '' }, 'timeOfDay', MEDICATION_MESSAGES.time],
  ])('refuses %o with "%s: %s", keeps what was typed, and stores nothing', async (override, field, message) => {
    const before = await medicationCount(alice.userId);
    const result = failed(await alice.submit(createMedication, { ...DAILY, ...override, petId: alicePet }));
    expect(result.errors?.[field as keyof typeof result.errors]).toEqual([message]);
    expect(result.values).toMatchObject({ ...DAILY, ...override });
    expect(await medicationCount(alice.userId)).toBe(before);
  });

  it('refuses the 1,001st medication of a pet with the limit’s message', async () => {
    const petId = await petOf(alice);
    // 1,000 rows at once, as the owner role: the limit is what is tested, not a thousand forms.
    await db()
      .execute(sql`insert into medications (pet_id, kind, name, schedule, interval_days, start_date, time_of_day)
      select ${petId}, 'other', 'Filler ' || n, 'every-n-days', 1, '2026-01-01', '08:00' from generate_series(1, 1000) n`);
    const result = failed(await alice.submit(createMedication, { ...DAILY, petId }));
    expect(result.message).toBe('This pet already has 1,000 medications, the most one pet can have.');
    expect(result.values).toMatchObject({ name: DAILY.name });
    await db().execute(sql`delete from pets where id = ${petId}`);
  });

  it('another user’s pet, a missing pet and a forged id are all "Pet not found"', async () => {
    const before = await medicationCount(bob.userId);
    for (const petId of [bobPet, crypto.randomUUID(), 'not-a-uuid', "' or 1=1 --"]) {
      const result = failed(await alice.submit(createMedication, { ...DAILY, petId }));
      expect(result.message).toBe('Pet not found');
    }
    expect(await medicationCount(bob.userId)).toBe(before);
  });
});

describe('editing and deleting', () => {
  it('edits the schedule and keeps the doses already recorded', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Edited' });
    returned(
      await alice.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt: todaysDose(), status: 'given' }),
    );
    const outcome = await alice.submit(updateMedication, {
      ...DAILY,
      name: 'Edited monthly',
      schedule: 'monthly',
      startDate: '2026-01-31',
      petId: alicePet,
      id,
    });
    expect(outcome).toEqual({
      kind: 'redirected',
      location: `/pets/${alicePet}/medications/${id}?care=medication-saved`,
    });
    const found = await getMedication(aliceUser, alicePet, id);
    expect(found?.medication.schedule).toMatchObject({ kind: 'monthly', startDate: '2026-01-31', intervalDays: null });
    expect(found?.history.map((dose) => [dose.scheduledAt, dose.status])).toEqual([[todaysDose(), 'given']]);
  });

  it('a bad edit changes nothing', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Unchanged' });
    const result = failed(
      await alice.submit(updateMedication, { ...DAILY, endDate: '2000-01-01', petId: alicePet, id }),
    );
    expect(result.errors?.endDate).toEqual([MEDICATION_MESSAGES.endBeforeStart]);
    expect((await getMedication(aliceUser, alicePet, id))?.medication.schedule.endDate).toBeNull();
  });

  it('another user cannot edit or delete it, through their own pet or hers', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Guarded' });
    for (const petId of [alicePet, bobPet]) {
      expect(failed(await bob.submit(updateMedication, { ...DAILY, name: 'Hijacked', petId, id })).message).toBe(
        'Medication not found',
      );
      expect(returned(await bob.submit(deleteMedication, { petId, id }))).toEqual({
        success: false,
        message: 'Medication not found',
      });
    }
    expect((await getMedication(aliceUser, alicePet, id))?.medication.name).toBe('Guarded');
    expect(await getMedication(bobUser, alicePet, id)).toBeNull();
    expect(await getMedication(bobUser, bobPet, id)).toBeNull();
  });

  it('deletes it with its doses; a second delete is "not found"', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Deleted' });
    returned(
      await alice.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt: todaysDose(), status: 'given' }),
    );
    expect(await alice.submit(deleteMedication, { petId: alicePet, id })).toEqual({
      kind: 'redirected',
      location: `/pets/${alicePet}?care=medication-deleted#medications`,
    });
    expect(await getMedication(aliceUser, alicePet, id)).toBeNull();
    expect(returned(await alice.submit(deleteMedication, { petId: alicePet, id })).message).toBe(
      'Medication not found',
    );
    const doses = (await db().execute(
      sql`select count(*)::int as n from medication_doses where medication_id = ${id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(doses.rows[0]!.n).toBe(0);
  });
});

describe('marking doses', () => {
  it('two concurrent marks record one dose, and both answers name the same person', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Concurrent' });
    const mark = { petId: alicePet, medicationId: id, scheduledAt: todaysDose() };
    const [first, second] = await Promise.all([
      alice.submit(markDose, { ...mark, status: 'given' }),
      alice.submit(markDose, { ...mark, status: 'skipped' }),
    ]).then((outcomes) => outcomes.map(returned));
    const answers = [first!, second!].sort((a, b) => Number(b.success) - Number(a.success));
    expect(answers[0]!.success).toBe(true);
    expect(answers[1]!.success).toBe(false);
    const winner = answers[0]!.dose!;
    expect(answers[1]!.dose).toEqual(winner);
    expect(answers[1]!.message).toBe(`Already ${winner.status} by you (${winner.by}) at ${winner.at}.`);
    expect(winner.by).toBe(aliceUser.email);
    const found = await getMedication(aliceUser, alicePet, id);
    expect(found?.history).toHaveLength(1);
    expect(found?.history[0]).toMatchObject({ scheduledAt: todaysDose(), status: winner.status, by: aliceUser.email });
    // The next dose then follows from the schedule: tomorrow's.
    expect(found?.medication.nextDose).toMatchObject({ when: 'tomorrow 00:00', overdue: false, markable: false });
  });

  it('refuses a dose off the schedule, one not yet due and one too old, recording nothing', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Strict', startDate: dayFromToday(-60) });
    const mark = (scheduledAt: string) =>
      alice.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt, status: 'given' });
    expect(returned(await mark(`${dayFromToday(0)}T00:30:00.000Z`)).message).toBe(
      'This dose is not on the schedule (it may have changed): reload the page.',
    );
    expect(returned(await mark(`${dayFromToday(2)}T00:00:00.000Z`)).message).toBe(
      "This dose isn't due yet: it can be marked from its day on.",
    );
    expect(returned(await mark(`${dayFromToday(-40)}T00:00:00.000Z`)).message).toBe(
      'Only doses from the last 31 days can be recorded.',
    );
    expect(returned(await mark('yesterday')).message).toBe('This dose is not on the schedule');
    expect((await getMedication(aliceUser, alicePet, id))?.history).toEqual([]);
  });

  it('another user cannot mark or undo a dose of hers, and a forged id is "not found"', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Marked by owner' });
    for (const [petId, medicationId] of [
      [alicePet, id],
      [bobPet, id],
      [alicePet, 'nope'],
    ] as const) {
      const result = returned(
        await bob.submit(markDose, { petId, medicationId, scheduledAt: todaysDose(), status: 'given' }),
      );
      expect(result).toEqual({ success: false, message: 'Medication not found' });
    }
    returned(
      await alice.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt: todaysDose(), status: 'given' }),
    );
    expect(
      returned(
        await bob.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt: todaysDose(), status: 'undo' }),
      ).success,
    ).toBe(false);
    expect((await getMedication(aliceUser, alicePet, id))?.history).toHaveLength(1);
  });

  it('the person who marked a dose can undo it the same day, and the dose is due again', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Undone' });
    const mark = { petId: alicePet, medicationId: id, scheduledAt: todaysDose() };
    returned(await alice.submit(markDose, { ...mark, status: 'skipped' }));
    expect(returned(await alice.submit(markDose, { ...mark, status: 'undo' }))).toEqual({
      success: true,
      message: 'Mark undone.',
    });
    const found = await getMedication(aliceUser, alicePet, id);
    expect(found?.history).toEqual([]);
    expect(found?.medication.nextDose).toMatchObject({ at: todaysDose(), markable: true });
  });
});

describe('a finished medication', () => {
  it('is listed as finished once its end date has passed', async () => {
    await added(alice, alicePet, { ...DAILY, name: 'Course', startDate: dayFromToday(-20), endDate: dayFromToday(-5) });
    const list = await listMedications(aliceUser, alicePet);
    const course = list!.medications.find((medication) => medication.name === 'Course')!;
    expect(course).toMatchObject({ finished: true, nextDose: null });
  });
});

describe('row-level security, without the app code', () => {
  it('Bob sees none of Alice’s medications or doses and cannot plant one on her pet', async () => {
    const id = await added(alice, alicePet, { ...DAILY, name: 'Private' });
    returned(
      await alice.submit(markDose, { petId: alicePet, medicationId: id, scheduledAt: todaysDose(), status: 'given' }),
    );
    const seen = (await withUser(db(), bob.userId, (tx) =>
      tx.execute(
        sql`select (select count(*)::int from medications) as m, (select count(*)::int from medication_doses) as d`,
      ),
    )) as unknown as { rows: { m: number; d: number }[] };
    expect(seen.rows[0]).toEqual({ m: 0, d: 0 });
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(sql`insert into medications (pet_id, kind, name, schedule, interval_days, start_date, time_of_day)
          values (${alicePet}, 'other', 'Planted', 'every-n-days', 1, '2026-01-01', '08:00')`),
      ),
    ).rejects.toThrow();
    await expect(
      withUser(db(), bob.userId, (tx) =>
        tx.execute(
          sql`insert into medication_doses (medication_id, scheduled_at, status) values (${id}, now(), 'given')`,
        ),
      ),
    ).rejects.toThrow();
    const changed = (await withUser(db(), bob.userId, (tx) =>
      tx.execute(sql`update medications set name = 'Hijacked' where id = ${id} returning id`),
    )) as unknown as { rows: unknown[] };
    expect(changed.rows).toEqual([]);
    expect((await getMedication(aliceUser, alicePet, id))?.medication.name).toBe('Private');
  });

  it('deleting the pet removes its medications and doses', async () => {
    const petId = await petOf(alice);
    const id = await added(alice, petId, { ...DAILY, name: 'Gone with the pet' });
    returned(await alice.submit(markDose, { petId, medicationId: id, scheduledAt: todaysDose(), status: 'given' }));
    await withUser(db(), alice.userId, (tx) => tx.execute(sql`delete from pets where id = ${petId}`));
    const left = (await db().execute(
      sql`select (select count(*)::int from medications where id = ${id}) as m,
                 (select count(*)::int from medication_doses where medication_id = ${id}) as d`,
    )) as unknown as { rows: { m: number; d: number }[] };
    expect(left.rows[0]).toEqual({ m: 0, d: 0 });
  });
});

describe('the data export', () => {
  it('gives each pet its medications: the schedule as fields and as RFC 5545 text, and the doses', async () => {
    const petId = await petOf(alice);
    const id = await added(alice, petId, { ...DAILY, name: 'Exported', endDate: dayFromToday(30) });
    returned(await alice.submit(markDose, { petId, medicationId: id, scheduledAt: todaysDose(), status: 'given' }));
    const byPet = await withUser(db(), alice.userId, (tx) => exportedMedications(tx, alice.userId));
    expect(byPet.get(bobPet)).toBeUndefined();
    const [exported] = byPet.get(petId)!;
    const start = DAILY.startDate.replaceAll('-', '');
    const until = dayFromToday(30).replaceAll('-', '');
    expect(exported).toEqual({
      id,
      kind: 'medication',
      name: 'Exported',
      dose: '1 tablet',
      notes: 'With food',
      schedule: {
        kind: 'every-n-days',
        intervalDays: 1,
        weekdays: [],
        startDate: DAILY.startDate,
        endDate: dayFromToday(30),
        timeOfDay: '00:00',
        timeZone: 'UTC',
      },
      rrule: `DTSTART;TZID=UTC:${start}T000000\nRRULE:FREQ=DAILY;INTERVAL=1;UNTIL=${until}T000000Z`,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      doses: [{ scheduledAt: todaysDose(), status: 'given', recordedAt: expect.any(String), recordedByYou: true }],
    });
  });
});
