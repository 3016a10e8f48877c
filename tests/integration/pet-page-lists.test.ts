// The pet page lists the newest records of each kind and links to all of them: the lists' limit
// against a real database (PGlite, and PostgreSQL when TEST_DATABASE=postgres) gives exactly the
// newest ones, in the order of the full list, and the vaccination statuses of those are the ones
// the full list gives them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PET_PAGE_RECORDS } from '@/components/care/care-record-list';
import { listMedications, createMedication } from '@/data/care/medications';
import { listVaccinations } from '@/data/care/vaccinations';
import { listVetVisits } from '@/data/care/visits';
import { listWeights } from '@/data/care/weights';
import { getSessionUser, type SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { vaccinationStatuses } from '@/lib/vaccinations';
import { stopJobQueue } from '@/queue/client';
import { fillWithRecords, petOf } from '../support/care';
import { returned } from '../support/next-request';
import { signedIn } from '../support/signed-in';

afterAll(async () => {
  await stopJobQueue(1_000);
});

const MORE = PET_PAGE_RECORDS + 5;
const NOW = new Date('2026-12-07T10:00:00Z');
let user: SessionUser;
let pet: string;

beforeAll(async () => {
  const browser = await signedIn('pet-page-lists');
  user = returned(await browser.call(() => getSessionUser()))!;
  pet = await petOf(browser);
  await fillWithRecords('vaccinations', pet, MORE);
  await fillWithRecords('vet_visits', pet, MORE);
  for (let index = 0; index < MORE; index++)
    await createMedication(
      user,
      pet,
      {
        kind: 'medication',
        name: `Tablet ${index}`,
        dose: null,
        notes: null,
        remindDaysBefore: null,
        schedule: {
          kind: 'once',
          intervalDays: null,
          weekdays: [],
          startDate: `2026-11-${String(index + 1).padStart(2, '0')}`,
          endDate: null,
          timeOfDay: '08:00',
        },
      },
      null,
      NOW,
    );
});

describe('the lists with a limit', () => {
  it('give the newest records, in the full list’s order', async () => {
    const [allShots, someShots] = [await listVaccinations(user, pet), await listVaccinations(user, pet, { limit: 3 })];
    expect(allShots).toHaveLength(MORE);
    expect(someShots).toEqual(allShots!.slice(0, 3));
    const [allVisits, someVisits] = [await listVetVisits(user, pet), await listVetVisits(user, pet, { limit: 3 })];
    expect(allVisits).toHaveLength(MORE);
    expect(someVisits).toEqual(allVisits!.slice(0, 3));
    const allMeds = await listMedications(user, pet, NOW);
    const someMeds = await listMedications(user, pet, NOW, { limit: 3 });
    expect(allMeds!.medications).toHaveLength(MORE);
    expect(someMeds!.medications).toEqual(allMeds!.medications.slice(0, 3));
    expect(someMeds!.medications.map((medication) => medication.name)).toEqual(['Tablet 14', 'Tablet 13', 'Tablet 12']);
  });

  it('keep the statuses the full list gives: the newest shot of each vaccine is among them', async () => {
    const all = (await listVaccinations(user, pet))!;
    const some = (await listVaccinations(user, pet, { limit: PET_PAGE_RECORDS }))!;
    const full = vaccinationStatuses(all, '2026-12-07');
    const shown = vaccinationStatuses(some, '2026-12-07');
    for (const shot of some) expect(shown.get(shot.id)).toBe(full.get(shot.id));
  });

  it('read only the latest weighings for the pet page’s chart, and still count them all', async () => {
    await db().execute(
      sql`insert into weight_records (pet_id, weighed_on, grams)
          select ${pet}::uuid, date '2020-01-01' + n, 10000 + n from generate_series(1, ${MORE}) as n`,
    );
    const all = (await listWeights(user, pet))!;
    const latest = (await listWeights(user, pet, { limit: 3 }))!;
    expect(all.total).toBe(MORE);
    expect(latest.total).toBe(MORE);
    expect(latest.records).toEqual(all.records.slice(0, 3));
    expect(latest.records.map((record) => record.grams)).toEqual([10000 + MORE, 10000 + MORE - 1, 10000 + MORE - 2]);
  });

  it('answer null for another account’s pet, limit or not', async () => {
    const stranger = await signedIn('pet-page-lists-stranger');
    const strangerUser = returned(await stranger.call(() => getSessionUser()))!;
    expect(await listVaccinations(strangerUser, pet, { limit: 3 })).toBeNull();
    expect(await listVetVisits(strangerUser, pet, { limit: 3 })).toBeNull();
    expect(await listMedications(strangerUser, pet, NOW, { limit: 3 })).toBeNull();
  });
});
