// The pet page lists a few records of each kind and links to all of them (ADR 0039): against a real
// database (PGlite, and PostgreSQL when TEST_DATABASE=postgres) the lists' limit gives exactly the
// newest ones, in the order of the full list; the vaccination statuses of
// those are the ones the full list gives them; the treatments are the ones whose dose comes soonest.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PET_PAGE_RECORDS } from '@/components/care/pet-health';
import { createMedication, listMedications, soonestMedications } from '@/data/care/medications';
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
    expect(allShots!.records).toHaveLength(MORE);
    expect(someShots!.records).toEqual(allShots!.records.slice(0, 3));
    const [allVisits, someVisits] = [await listVetVisits(user, pet), await listVetVisits(user, pet, { limit: 3 })];
    expect(allVisits!.records).toHaveLength(MORE);
    expect(someVisits!.records).toEqual(allVisits!.records.slice(0, 3));
  });

  it('give the unfinished treatments whose dose comes soonest, and say that the pet has medications', async () => {
    // The single doses of November are finished (history, though never marked): none is listed.
    expect(await soonestMedications(user, pet, 3, NOW)).toEqual({ medications: [], anyRecorded: true });
    const single = (name: string, startDate: string, kind: 'once' | 'every-n-days' = 'once') => ({
      kind: 'medication' as const,
      name,
      dose: null,
      notes: null,
      remindDaysBefore: null,
      schedule: {
        kind,
        intervalDays: kind === 'once' ? null : 2,
        weekdays: [],
        startDate,
        endDate: null,
        timeOfDay: '09:00',
      },
    });
    for (const [name, start, kind] of [
      ['Later', '2026-12-20', 'once'],
      ['Soonest', '2026-12-08', 'every-n-days'],
      ['Latest', '2026-12-24', 'once'],
      ['Sooner', '2026-12-10', 'once'],
    ] as const)
      await createMedication(user, pet, single(name, start, kind), null, NOW);
    const soonest = (await soonestMedications(user, pet, 3, NOW))!;
    expect(soonest.medications.map((medication) => medication.name)).toEqual(['Soonest', 'Sooner', 'Later']);
    expect(soonest.medications[0]!.nextDose?.at).toBe('2026-12-08T09:00:00.000Z');
    expect(soonest.anyRecorded).toBe(true);
    const all = (await listMedications(user, pet, NOW))!;
    for (const medication of soonest.medications)
      expect(all.medications.find((candidate) => candidate.id === medication.id)).toEqual(medication);
  });

  it('keep the statuses the full list gives: the newest shot of each vaccine is among them', async () => {
    const all = (await listVaccinations(user, pet))!.records;
    const some = (await listVaccinations(user, pet, { limit: PET_PAGE_RECORDS }))!.records;
    const full = vaccinationStatuses(all, '2026-12-07');
    const shown = vaccinationStatuses(some, '2026-12-07');
    for (const shot of some) expect(shown.get(shot.id)).toBe(full.get(shot.id));
  });

  it('read only the latest weighings for the pet page’s chart', async () => {
    await db().execute(
      sql`insert into weight_records (pet_id, weighed_on, grams)
          select ${pet}::uuid, date '2020-01-01' + n, 10000 + n from generate_series(1, ${MORE}) as n`,
    );
    const all = (await listWeights(user, pet))!;
    const latest = (await listWeights(user, pet, { limit: 3 }))!;
    expect(all.records).toHaveLength(MORE);
    expect(latest.records).toEqual(all.records.slice(0, 3));
    expect(latest.records.map((record) => record.grams)).toEqual([10000 + MORE, 10000 + MORE - 1, 10000 + MORE - 2]);
  });

  it('answer null for another account’s pet, limit or not', async () => {
    const stranger = await signedIn('pet-page-lists-stranger');
    const strangerUser = returned(await stranger.call(() => getSessionUser()))!;
    expect(await listVaccinations(strangerUser, pet, { limit: 3 })).toBeNull();
    expect(await listVetVisits(strangerUser, pet, { limit: 3 })).toBeNull();
    expect(await soonestMedications(strangerUser, pet, 3, NOW)).toBeNull();
  });
});
