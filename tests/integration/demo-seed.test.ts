// `npm run db:seed` (FR-049): the demo account signs in with its documented password and its dogs
// and cats show a year of care records read back through the DAL as that account — vaccinations
// up to date, due soon and overdue, medications with recorded doses and a next dose, past and
// booked vet visits, monthly weights — and a second run leaves the same counts and other accounts alone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '@/actions/auth';
import { getMedication, listMedications } from '@/data/care/medications';
import { listVaccinations } from '@/data/care/vaccinations';
import { listVetVisits } from '@/data/care/visits';
import { listWeights } from '@/data/care/weights';
import { listPets } from '@/data/pets';
import { getPreferences } from '@/data/preferences';
import { getSessionUser, type SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import { parsePetListParams } from '@/lib/validations/pet-list';
import { daysBetween, vaccinationStatuses } from '@/lib/vaccinations';
import { stopJobQueue } from '@/queue/client';
import { CARE_PROFILES } from '../../scripts/seed/demo-care';
import { seedDemoAccount } from '../../scripts/seed/demo-account';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_PETS } from '../../scripts/seed/demo-details';
import { petOf } from '../support/care';
import { Browser, returned } from '../support/next-request';
import { signedIn } from '../support/signed-in';

// Two days after Europe/London moved to summer time: the last three weeks of daily 08:00 doses
// span the change, and every one must still be a dose of the schedule.
const NOW = new Date('2026-03-31T10:30:00Z');
const ZONE = 'Europe/London';
const TODAY = todayIn(ZONE, NOW);

let demo: SessionUser;
let someoneElse: { userId: string; petId: string };

afterAll(async () => {
  await stopJobQueue(1_000);
});

beforeAll(async () => {
  // Another account exists before the seed: the seed must never touch it.
  const other = await signedIn('not-demo');
  someoneElse = { userId: other.userId, petId: await petOf(other, 'Rex', 'Dog') };
  await seedDemoAccount({ timeZone: ZONE, now: NOW });
  const browser = new Browser();
  expect(await browser.submit(login, { email: DEMO_EMAIL, password: DEMO_PASSWORD })).toEqual({
    kind: 'redirected',
    location: '/pets',
  });
  demo = returned(await browser.call(() => getSessionUser()))!;
});

async function demoPets() {
  const page = await listPets(demo, parsePetListParams({}));
  return page.pets;
}

/** Rows per care table the account can see (row-level security as that account). */
async function careCounts(userId: string) {
  const result = (await withUser(db(), userId, (tx) =>
    tx.execute(sql`select
      (select count(*)::int from pets) as pets,
      (select count(*)::int from vaccinations) as vaccinations,
      (select count(*)::int from medications) as medications,
      (select count(*)::int from medication_doses) as doses,
      (select count(*)::int from vet_visits) as visits,
      (select count(*)::int from weight_records) as weights`),
  )) as unknown as { rows: Record<string, number>[] };
  return result.rows[0]!;
}

describe('the demo account after db:seed', () => {
  it('has its dozen pets, the seed’s time zone and a confirmed address (example.com gets no mail)', async () => {
    expect(demo.emailVerified).toBe(true);
    // The list's default order (newest first) is the seed's own, on every run.
    expect((await demoPets()).map((pet) => pet.name)).toEqual(DEMO_PETS.map(([name]) => name));
    expect(await getPreferences(demo)).toEqual({ timeZone: ZONE, weightUnit: 'kg' });
  });

  it.each(Object.keys(CARE_PROFILES))('%s has a year of every kind of care record', async (name) => {
    const pet = (await demoPets()).find((candidate) => candidate.name === name)!;
    const ageInDays = (date: string) => daysBetween(date, TODAY);

    const vaccinations = (await listVaccinations(demo, pet.id))!.records;
    const statuses = [...vaccinationStatuses(vaccinations, TODAY).values()];
    expect(statuses).toContain('up-to-date');
    expect(statuses.filter((status) => status === 'due-soon')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'overdue')).toHaveLength(1);
    const given = vaccinations.map((vaccination) => ageInDays(vaccination.givenOn));
    expect(Math.max(...given)).toBeGreaterThan(300);
    expect(Math.max(...given)).toBeLessThanOrEqual(366);
    expect(Math.min(...given)).toBeGreaterThanOrEqual(0);

    const visits = (await listVetVisits(demo, pet.id))!.records;
    const booked = visits.filter((visit) => visit.visitedOn > TODAY);
    expect(booked).toHaveLength(1);
    expect(ageInDays(booked[0]!.visitedOn)).toBeGreaterThanOrEqual(-7);
    const past = visits.filter((visit) => visit.visitedOn <= TODAY);
    expect(past.length).toBeGreaterThanOrEqual(3);
    expect(past.some((visit) => visit.costCents !== null && visit.notes !== null)).toBe(true);
    expect(Math.max(...past.map((visit) => ageInDays(visit.visitedOn)))).toBeGreaterThan(250);

    const weights = (await listWeights(demo, pet.id))!.records;
    expect(weights).toHaveLength(13);
    const weighed = weights.map((record) => ageInDays(record.date));
    expect(Math.max(...weighed)).toBeGreaterThan(350);
    expect(Math.max(...weighed)).toBeLessThanOrEqual(366);
    expect(Math.min(...weighed)).toBeLessThan(10);
    // A plausible trend: the oldest and newest weights are the profile's, within a scale's wobble.
    const { from, to } = CARE_PROFILES[name]!.weight;
    expect(Math.abs(weights.at(-1)!.grams - from) / from).toBeLessThan(0.02);
    expect(Math.abs(weights[0]!.grams - to) / to).toBeLessThan(0.02);

    const { medications, timeZone } = (await listMedications(demo, pet.id, NOW))!;
    expect(timeZone).toBe(ZONE);
    expect(medications.map((medication) => medication.kind).sort()).toEqual(['flea-tick', 'medication', 'worming']);
    for (const medication of medications) {
      expect(medication.finished).toBe(false);
      expect(medication.nextDose).not.toBeNull();
      const { history } = (await getMedication(demo, pet.id, medication.id, NOW))!;
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((dose) => dose.scheduledAt < NOW.toISOString())).toBe(true);
    }
    // The daily one: today's dose is the next; the last days before it are marked (one skipped).
    const daily = medications.find((medication) => medication.kind === 'medication')!;
    expect(daily.scheduleText).toBe('Every day at 08:00');
    expect(daily.nextDose!.when).toBe('today 08:00');
    const { history } = (await getMedication(demo, pet.id, daily.id, NOW))!;
    expect(history.map((dose) => dose.when.slice(-5))).toEqual(Array(history.length).fill('08:00'));
    expect(history.filter((dose) => dose.status === 'skipped').length).toBeLessThanOrEqual(1);
  });

  it('medications store the next dose the reminder scan reads (next_dose_at), after the recorded ones', async () => {
    const result = (await withUser(db(), demo.id, (tx) =>
      tx.execute(sql`select m.next_dose_at, (select max(d.scheduled_at) from medication_doses d
        where d.medication_id = m.id) as latest from medications m`),
    )) as unknown as { rows: { next_dose_at: string | Date | null; latest: string | Date | null }[] };
    expect(result.rows).toHaveLength(Object.keys(CARE_PROFILES).length * 3);
    for (const row of result.rows) {
      expect(row.next_dose_at).not.toBeNull();
      expect(new Date(row.next_dose_at!).getTime()).toBeGreaterThan(new Date(row.latest!).getTime());
    }
  });

  it('a second run gives the same counts, and the other account keeps its pet', async () => {
    const first = await careCounts(demo.id);
    const otherBefore = await careCounts(someoneElse.userId);
    expect(first.doses).toBeGreaterThan(Object.keys(CARE_PROFILES).length * 20);
    await seedDemoAccount({ timeZone: ZONE, now: NOW });
    expect(await careCounts(demo.id)).toEqual(first);
    expect(await careCounts(someoneElse.userId)).toEqual(otherBefore);
    expect(otherBefore.pets).toBe(1);
  });
});
