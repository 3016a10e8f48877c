// The due items across an account's pets (FR-047, FR-048) against a real database (PGlite, and
// PostgreSQL when TEST_DATABASE=postgres), on a fixed clock in a zone with a DST change: a vaccine's
// latest shot only, overdue vaccines and doses, a dose's local time across the change, booked visits,
// the pet filter, another account's pets, a deleted pet — and the stored next doses moving with a
// change of time zone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePet } from '@/actions/pets';
import { dueItems, type DueItem } from '@/data/care/due-items';
import { createMedication, recordDose } from '@/data/care/medications';
import { createVaccination } from '@/data/care/vaccinations';
import { createVetVisit } from '@/data/care/visits';
import { listPets } from '@/data/pets';
import { updatePreferences } from '@/data/preferences';
import { getSessionUser, type SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import type { MedicationFields } from '@/lib/validations/medication';
import { parsePetListParams } from '@/lib/validations/pet-list';
import { stopJobQueue } from '@/queue/client';
import { petOf } from '../support/care';
import { returned } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

afterAll(async () => {
  await stopJobQueue(1_000);
});

const ZONE = 'Europe/Berlin';
// Berlin's clocks go forward on 28 March 2027 at 02:00 CET (01:00 UTC): 08:00 that day is 06:00 UTC.
const BEFORE_DOSE = new Date('2027-03-28T05:00:00Z'); // 07:00 CEST
const AFTER_DOSE = new Date('2027-03-28T07:00:00Z'); // 09:00 CEST
const TODAY = '2027-03-28';
const IN_30_DAYS = '2027-04-27';

async function userOf(browser: SignedInBrowser): Promise<SessionUser> {
  return returned(await browser.call(() => getSessionUser()))!;
}

function shot(vaccine: string, givenOn: string, nextDueOn: string | null) {
  return { vaccine, givenOn, nextDueOn, clinic: null, batchNumber: null, notes: null, remindDaysBefore: null };
}

function visit(reason: string, visitedOn: string) {
  return { reason, visitedOn, clinic: null, notes: null, costCents: null, remindDaysBefore: null };
}

function daily(name: string, dose: string | null, startDate: string, timeOfDay = '08:00'): MedicationFields {
  return {
    kind: 'medication',
    name,
    dose,
    notes: null,
    remindDaysBefore: null,
    schedule: { kind: 'every-n-days', intervalDays: 1, weekdays: [], startDate, endDate: null, timeOfDay },
  };
}

async function medicationId(user: SessionUser, petId: string, fields: MedicationFields, now: Date) {
  const written = await createMedication(user, petId, fields, null, now);
  if (written.status !== 'saved') throw new Error('medication not saved');
  return written.id;
}

const summary = (items: DueItem[]) =>
  items.map(({ petName, title, due, time, overdue }) => ({ petName, title, due, time, overdue }));

let alice: SignedInBrowser;
let bob: SignedInBrowser;
let aliceUser: SessionUser;
let bobUser: SessionUser;
let rex: string;
let mia: string;
let bobsPet: string;
let given: string;

beforeAll(async () => {
  alice = await signedIn('due-alice');
  bob = await signedIn('due-bob');
  [aliceUser, bobUser] = [await userOf(alice), await userOf(bob)];
  await updatePreferences(aliceUser, { timeZone: ZONE, weightUnit: 'kg' }, BEFORE_DOSE);
  [rex, mia, bobsPet] = [await petOf(alice, 'Rex'), await petOf(alice, 'Mia'), await petOf(bob, 'Bobby')];

  // Rabies: the newer shot (due in 2029) decides; the older one's 2025 due date is history.
  await createVaccination(aliceUser, rex, shot('Rabies', '2024-03-01', '2025-03-01'), null);
  await createVaccination(aliceUser, rex, shot('Rabies', '2026-03-01', '2029-03-01'), null);
  // A newer shot with no due date supersedes too, whatever the spelling of the vaccine.
  await createVaccination(aliceUser, rex, shot('Bordetella', '2026-01-01', '2027-04-01'), null);
  await createVaccination(aliceUser, rex, shot(' bordetella ', '2026-06-01', null), null);
  await createVaccination(aliceUser, rex, shot('DHPP', '2026-04-10', '2027-04-10'), null);
  await createVaccination(aliceUser, mia, shot('Leptospirosis', '2025-01-01', '2026-01-01'), null);
  await createVaccination(aliceUser, mia, shot('FVRCP', '2026-06-01', '2027-06-01'), null);

  await createVetVisit(aliceUser, mia, visit('dental check', '2027-04-02'), null);
  await createVetVisit(aliceUser, mia, visit('check-up', '2027-03-01'), null);
  await createVetVisit(aliceUser, rex, visit('surgery', '2027-05-30'), null);

  // Apoquel: given yesterday, so today's 08:00 (06:00 UTC, the first day of summer time) is next.
  const apoquel = await medicationId(aliceUser, rex, daily('Apoquel', '16 mg', '2027-03-20'), BEFORE_DOSE);
  given = (await recordDose(aliceUser, rex, apoquel, new Date('2027-03-27T07:00:00Z'), 'given', BEFORE_DOSE)).status;
  // Starts today, never recorded: from 08:00 on, its dose is overdue.
  await medicationId(aliceUser, mia, daily('Ear drops', null, TODAY), BEFORE_DOSE);
  // Starts after the window: nothing due in it.
  await medicationId(aliceUser, mia, daily('Joint care', null, '2027-05-10'), BEFORE_DOSE);

  await createVaccination(bobUser, bobsPet, shot('Rabies', '2025-01-01', '2026-01-01'), null);
  await createVetVisit(bobUser, bobsPet, visit('Bob’s visit', '2027-04-01'), null);
  await medicationId(bobUser, bobsPet, daily('Bob’s pill', null, '2027-03-01'), BEFORE_DOSE);
});

describe('dueItems', () => {
  it('lists what is due or overdue in the window, soonest first, in the account’s zone', async () => {
    expect(given).toBe('recorded');
    const items = await dueItems(aliceUser, { to: IN_30_DAYS, now: BEFORE_DOSE });
    expect(summary(items)).toEqual([
      { petName: 'Mia', title: 'Leptospirosis vaccination due', due: '2026-01-01', time: null, overdue: true },
      { petName: 'Mia', title: 'Ear drops', due: TODAY, time: '08:00', overdue: false },
      { petName: 'Rex', title: 'Apoquel 16 mg', due: TODAY, time: '08:00', overdue: false },
      { petName: 'Mia', title: 'Vet visit: dental check', due: '2027-04-02', time: null, overdue: false },
      { petName: 'Rex', title: 'DHPP vaccination due', due: '2027-04-10', time: null, overdue: false },
    ]);
    const apoquel = items.find((item) => item.title === 'Apoquel 16 mg')!;
    // 08:00 CEST on the day the clocks went forward: 06:00 UTC, not 07:00.
    expect(apoquel.at).toBe('2027-03-28T06:00:00.000Z');
    expect(apoquel.href).toBe(`/pets/${rex}/medications/${apoquel.recordId}`);
    expect(items.find((item) => item.kind === 'visit')!.href).toBe(`/pets/${mia}#visits-heading`);
  });

  it('an unrecorded dose past its time is overdue, as the pet page shows it', async () => {
    const items = await dueItems(aliceUser, { from: TODAY, to: TODAY, now: AFTER_DOSE });
    expect(summary(items)).toEqual([
      { petName: 'Mia', title: 'Ear drops', due: TODAY, time: '08:00', overdue: true },
      { petName: 'Rex', title: 'Apoquel 16 mg', due: TODAY, time: '08:00', overdue: true },
    ]);
  });

  it('keeps to the window: `from` leaves out older overdue items, `to` later ones', async () => {
    const items = await dueItems(aliceUser, { from: TODAY, to: '2027-04-05', now: BEFORE_DOSE });
    expect(items.map((item) => item.title)).toEqual(['Ear drops', 'Apoquel 16 mg', 'Vet visit: dental check']);
    const later = await dueItems(aliceUser, { to: '2027-06-30', now: BEFORE_DOSE });
    expect(later.map((item) => item.title)).toEqual(
      expect.arrayContaining(['Vet visit: surgery', 'Joint care', 'FVRCP vaccination due']),
    );
    // A visit before today happened: it is never due.
    expect(later.map((item) => item.title)).not.toContain('Vet visit: check-up');
  });

  it('only the pets asked for, and never another account’s', async () => {
    const onlyRex = await dueItems(aliceUser, { to: IN_30_DAYS, petIds: [rex, bobsPet], now: BEFORE_DOSE });
    expect(new Set(onlyRex.map((item) => item.petName))).toEqual(new Set(['Rex']));
    expect(await dueItems(aliceUser, { to: IN_30_DAYS, petIds: [], now: BEFORE_DOSE })).toEqual([]);
    expect(await dueItems(aliceUser, { to: IN_30_DAYS, petIds: ['not-a-uuid'], now: BEFORE_DOSE })).toEqual([]);

    const bobs = await dueItems(bobUser, { to: IN_30_DAYS, now: BEFORE_DOSE });
    expect(new Set(bobs.map((item) => item.petId))).toEqual(new Set([bobsPet]));
    expect(bobs.map((item) => item.title)).toEqual(
      expect.arrayContaining(['Rabies vaccination due', 'Vet visit: Bob’s visit', 'Bob’s pill']),
    );
    expect(await dueItems(bobUser, { to: IN_30_DAYS, petIds: [rex, mia], now: BEFORE_DOSE })).toEqual([]);
  });

  it('listPets gives its page’s due items in the same transaction, as dueItems gives them (the /pets badges)', async () => {
    const listed = await listPets(aliceUser, parsePetListParams({}), { due: { to: IN_30_DAYS, now: BEFORE_DOSE } });
    const pageIds = listed.pets.map((pet) => pet.id);
    expect(new Set(pageIds)).toEqual(new Set([rex, mia]));
    expect('items' in listed.due && listed.due.items).toEqual(
      await dueItems(aliceUser, { to: IN_30_DAYS, petIds: pageIds, now: BEFORE_DOSE }),
    );
    // Only the page's pets: a page of one leaves the other pet's items out.
    const one = await listPets(aliceUser, parsePetListParams({ limit: '1', sortBy: 'name', order: 'asc' }), {
      due: { to: IN_30_DAYS, now: BEFORE_DOSE },
    });
    expect(one.pets.map((pet) => pet.name)).toEqual(['Mia']);
    expect('items' in one.due && new Set(one.due.items.map((item) => item.petId))).toEqual(new Set([mia]));
    // Without the option, the page alone (getPets).
    expect(await listPets(aliceUser, parsePetListParams({}))).not.toHaveProperty('due');
  });

  it('a deleted pet’s items are gone with it', async () => {
    const brief = await petOf(alice, 'Brief');
    await createVetVisit(aliceUser, brief, visit('one-off', '2027-04-03'), null);
    await medicationId(aliceUser, brief, daily('Short course', null, '2027-03-26'), BEFORE_DOSE);
    const before = await dueItems(aliceUser, { to: IN_30_DAYS, now: BEFORE_DOSE });
    expect(before.filter((item) => item.petId === brief)).toHaveLength(2);

    expect(await alice.submit(deletePet, { id: brief })).toEqual({ kind: 'redirected', location: '/pets?deleted=1' });
    const after = await dueItems(aliceUser, { to: IN_30_DAYS, now: BEFORE_DOSE });
    expect(after.filter((item) => item.petId === brief)).toEqual([]);
    expect(after).toHaveLength(before.length - 2);
  });
});

describe('changing the time zone', () => {
  const storedNextDose = async (userId: string, id: string) => {
    const result = (await withUser(db(), userId, (tx) =>
      tx.execute(sql`select next_dose_at from medications where id = ${id}`),
    )) as unknown as { rows: { next_dose_at: Date | string }[] };
    return new Date(result.rows[0]!.next_dose_at).toISOString();
  };

  it('moves the stored next doses to the same local time in the new zone, in the same save', async () => {
    const carol = await signedIn('due-carol');
    const carolUser = await userOf(carol);
    await updatePreferences(carolUser, { timeZone: 'UTC', weightUnit: 'kg' }, BEFORE_DOSE);
    const pet = await petOf(carol, 'Pip');
    const id = await medicationId(carolUser, pet, daily('Tablet', null, '2027-03-29'), BEFORE_DOSE);
    expect(await storedNextDose(carolUser.id, id)).toBe('2027-03-29T08:00:00.000Z');

    await updatePreferences(carolUser, { timeZone: 'America/New_York', weightUnit: 'kg' }, BEFORE_DOSE);
    // 08:00 in New York on 29 March 2027 (EDT, UTC−4).
    expect(await storedNextDose(carolUser.id, id)).toBe('2027-03-29T12:00:00.000Z');
    const [item] = await dueItems(carolUser, { to: '2027-03-29', now: BEFORE_DOSE });
    expect(item).toMatchObject({ title: 'Tablet', due: '2027-03-29', time: '08:00', at: '2027-03-29T12:00:00.000Z' });

    // Another person's medications keep theirs.
    const bobsPill = await dueItems(bobUser, { to: IN_30_DAYS, now: BEFORE_DOSE });
    const before = bobsPill.find((entry) => entry.title === 'Bob’s pill')!;
    await updatePreferences(carolUser, { timeZone: 'Asia/Tokyo', weightUnit: 'lb' }, BEFORE_DOSE);
    expect(await storedNextDose(bobUser.id, before.recordId)).toBe(before.at);
  });
});
