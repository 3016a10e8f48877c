// The demo account's year of care records (FR-049): for each dog and cat, vaccinations with their
// next due dates, medications with recorded doses, vet visits and a monthly weight. Everything is
// fixed tables read relative to "today" in the account's zone, so two runs on the same day write
// the same records, and a newcomer always sees the same mix: most vaccines up to date, one due
// soon and one overdue (whose booster is the visit booked next week).
//
// Every record goes through the DAL's public create functions (the one place below that calls
// them, `writeCareRecords`), so limits, row-level security and derived columns such as a
// medication's next dose are exactly what the app itself would store.
import { calendarDateAsUtc } from '@/lib/dates';
import { latestOccurrenceAtOrBefore, localDateOf, occurrencesBetween } from '@/lib/medication-schedule';
import type { MedicationFields } from '@/lib/validations/medication';
import type { VaccinationInput } from '@/lib/validations/vaccination';
import type { VetVisitInput } from '@/lib/validations/vet-visit';
import type { WeightFields } from '@/lib/validations/weight';
import { createMedication, recordDose } from '@/data/care/medications';
import { createVaccination } from '@/data/care/vaccinations';
import { createVetVisit } from '@/data/care/visits';
import { createWeight } from '@/data/care/weights';
import type { SessionUser } from '@/data/session';

const DAY = 86_400_000;

/** The YYYY-MM-DD date `days` after `date` (before it when negative). */
function dayOffset(date: string, days: number): string {
  return new Date(calendarDateAsUtc(date).getTime() + days * DAY).toISOString().slice(0, 10);
}

type Species = 'dog' | 'cat';

/** What differs between two pets of one species: their daily medicine, their weight, one illness. */
type CareProfile = {
  species: Species;
  daily: { name: string; dose: string; notes: string };
  /** Grams a year ago and now: the monthly weights go from one to the other, with a scale's wobble. */
  weight: { from: number; to: number; note: string };
  illness: { reason: string; notes: string; costCents: number };
};

/** The demo pets that get care records, by name (scripts/seed/demo-account.ts makes the pets). */
export const CARE_PROFILES: Record<string, CareProfile> = {
  Bella: {
    species: 'dog',
    daily: { name: 'Joint supplement', dose: '1 chew', notes: 'With breakfast.' },
    weight: { from: 25_400, to: 24_100, note: 'Switched to a light food' },
    illness: { reason: 'Ear infection', notes: 'Left ear. Ear drops twice a day for 7 days.', costCents: 6_850 },
  },
  Charlie: {
    species: 'dog',
    daily: { name: 'Carprofen', dose: '50 mg', notes: 'For arthritis; always with food.' },
    weight: { from: 31_200, to: 32_300, note: 'Shorter walks since the arthritis' },
    illness: {
      reason: 'Stiff back legs',
      notes: 'X-ray: arthritis in both hips. Started carprofen.',
      costCents: 24_500,
    },
  },
  Rocky: {
    species: 'dog',
    daily: { name: 'Apoquel', dose: '16 mg', notes: 'For itchy skin.' },
    weight: { from: 28_300, to: 28_700, note: 'After a weekend of barbecues' },
    illness: { reason: 'Itchy skin and paw licking', notes: 'Allergic dermatitis. Started Apoquel.', costCents: 9_200 },
  },
  Milo: {
    species: 'cat',
    daily: { name: 'Probiotic paste', dose: '1 ml', notes: 'Mixed into wet food.' },
    weight: { from: 4_900, to: 5_250, note: 'Vet suggests smaller portions' },
    illness: { reason: 'Vomiting', notes: 'Hairballs. Advised more brushing and a paste.', costCents: 5_400 },
  },
  Luna: {
    species: 'cat',
    daily: { name: 'Eye drops', dose: '1 drop in each eye', notes: 'Until the flare-up settles.' },
    weight: { from: 3_950, to: 4_020, note: 'Weighed at home' },
    illness: { reason: 'Watery eyes', notes: 'Conjunctivitis. Drops prescribed.', costCents: 4_750 },
  },
  Shadow: {
    species: 'cat',
    daily: { name: 'Methimazole', dose: '2.5 mg', notes: 'For an overactive thyroid; blood test every 3 months.' },
    weight: { from: 4_800, to: 4_350, note: 'Weight steady since the thyroid tablets' },
    illness: { reason: 'Weight loss and thirst', notes: 'Overactive thyroid. Started methimazole.', costCents: 18_900 },
  },
};

/**
 * A species' vaccinations, as days before today with the next due date after them. For dogs, the
 * Bordetella (kennel cough) booster is due every six months and is overdue; for cats, the second
 * dose of a restarted FeLV course is. Leptospirosis and FVRCP, given about eleven months ago, are
 * due within the month; the rest are up to date.
 */
const VACCINATIONS: Record<Species, { vaccine: string; daysAgo: number; dueAfterDays: number; notes?: string }[]> = {
  dog: [
    { vaccine: 'Bordetella', daysAgo: 356, dueAfterDays: 182, notes: 'Intranasal; before kennels.' },
    { vaccine: 'Rabies', daysAgo: 300, dueAfterDays: 3 * 365 },
    { vaccine: 'DHPP', daysAgo: 300, dueAfterDays: 3 * 365 },
    { vaccine: 'Leptospirosis', daysAgo: 340, dueAfterDays: 365 },
    { vaccine: 'Bordetella', daysAgo: 200, dueAfterDays: 182, notes: 'Intranasal; booster every 6 months.' },
  ],
  cat: [
    { vaccine: 'FVRCP', daysAgo: 345, dueAfterDays: 365 },
    { vaccine: 'Rabies', daysAgo: 250, dueAfterDays: 365, notes: 'For the pet passport.' },
    {
      vaccine: 'Feline leukaemia (FeLV)',
      daysAgo: 60,
      dueAfterDays: 28,
      notes: 'Restarted course: second dose in 4 weeks.',
    },
  ],
};

const TREATMENTS: Record<Species, { fleaTick: string; fleaTickDose: string; worming: string; wormingDose: string }> = {
  dog: { fleaTick: 'Flea and tick chew', fleaTickDose: '1 chew', worming: 'Wormer', wormingDose: '1 tablet per 10 kg' },
  cat: { fleaTick: 'Flea spot-on', fleaTickDose: '1 pipette', worming: 'Wormer', wormingDose: '1 tablet' },
};

const CLINICS = ['Riverside Veterinary Clinic', 'Oakwood Vets'] as const;

/** A scale's wobble, in thousandths of the pet's weight, one per month (oldest first). */
const WOBBLE = [0, 6, -4, 3, -7, 2, 5, -3, 0, 4, -5, 2, -2] as const;

/**
 * Everything one pet gets, as the DAL's inputs. `variant` (the pet's place among its species: 0, 1
 * or 2) shifts the dates a little so that no two pets look alike.
 */
function careRecordsFor(profile: CareProfile, today: string, variant: number) {
  const clinic = CLINICS[variant % CLINICS.length]!;
  // Shifts every past date by a few days; the statuses hold (the due-soon window is 30 days).
  const shift = (days: number) => days + 4 * variant;

  const vaccinations: VaccinationInput[] = VACCINATIONS[profile.species].map((shot, index) => {
    const givenOn = dayOffset(today, -shift(shot.daysAgo));
    return {
      vaccine: shot.vaccine,
      givenOn,
      nextDueOn: dayOffset(givenOn, shot.dueAfterDays),
      clinic,
      batchNumber: `${shot.vaccine.slice(0, 3).toUpperCase()}-${2400 + 37 * index + 11 * variant}`,
      notes: shot.notes ?? null,
      // The demo's reminders: a week ahead of each booster.
      remindDaysBefore: 7,
    };
  });

  const visits: VetVisitInput[] = [
    {
      visitedOn: dayOffset(today, -shift(300)),
      reason: 'Annual check-up and vaccinations',
      clinic,
      notes: 'Heart, teeth and coat all good.',
      costCents: profile.species === 'dog' ? 11_900 : 9_400,
      remindDaysBefore: null,
    },
    { visitedOn: dayOffset(today, -shift(150)), clinic, remindDaysBefore: null, ...profile.illness },
    {
      visitedOn: dayOffset(today, -shift(45)),
      reason: 'Nurse weight check',
      clinic,
      notes: 'Free clinic; nails clipped.',
      costCents: null,
      remindDaysBefore: null,
    },
    {
      // Next week: the overdue booster (Bordetella, or the FeLV course's second dose).
      visitedOn: dayOffset(today, 3 + variant),
      reason: 'Booster vaccination',
      clinic,
      notes: 'Booked by phone.',
      costCents: null,
      remindDaysBefore: 1,
    },
  ];

  const weights: WeightFields[] = WOBBLE.map((wobble, month) => {
    const { from, to, note } = profile.weight;
    const trend = from + ((to - from) * month) / (WOBBLE.length - 1);
    // Vet scales show 100 g for a dog, 10 g for a cat.
    const step = profile.species === 'dog' ? 100 : 10;
    return {
      date: dayOffset(today, -(3 + variant + 30 * (WOBBLE.length - 1 - month))),
      grams: Math.round((trend * (1 + wobble / 1000)) / step) * step,
      note: month === 6 ? note : null,
    };
  });

  const { fleaTick, fleaTickDose, worming, wormingDose } = TREATMENTS[profile.species];
  const medications: { fields: MedicationFields; doses: 'last-weeks' | 'latest' }[] = [
    {
      fields: {
        kind: 'medication',
        name: profile.daily.name,
        dose: profile.daily.dose,
        notes: profile.daily.notes,
        remindDaysBefore: 0,
        schedule: daily(dayOffset(today, -shift(40))),
      },
      doses: 'last-weeks',
    },
    {
      fields: {
        kind: 'flea-tick',
        name: fleaTick,
        dose: fleaTickDose,
        notes: null,
        remindDaysBefore: 1,
        // A day of the month every month has, eleven months ago.
        schedule: monthly(`${dayOffset(today, -335).slice(0, 8)}${String(1 + ((7 * variant) % 28)).padStart(2, '0')}`),
      },
      doses: 'latest',
    },
    {
      fields: {
        kind: 'worming',
        name: worming,
        dose: wormingDose,
        notes: 'Every 3 months.',
        remindDaysBefore: 3,
        // Every 90 days, the latest 10-20 days ago: recent enough to record (RECORDABLE_DAYS).
        schedule: everyDays(90, dayOffset(today, -(280 + 2 * variant))),
      },
      doses: 'latest',
    },
  ];

  return { vaccinations, visits, weights, medications };
}

const daily = (startDate: string) => everyDays(1, startDate, '08:00');

function everyDays(intervalDays: number, startDate: string, timeOfDay = '18:00'): MedicationFields['schedule'] {
  return { kind: 'every-n-days', intervalDays, weekdays: [], startDate, endDate: null, timeOfDay };
}

function monthly(startDate: string): MedicationFields['schedule'] {
  return { kind: 'monthly', intervalDays: null, weekdays: [], startDate, endDate: null, timeOfDay: '18:00' };
}

/**
 * The doses to mark: for a daily medicine, each day of the last three weeks before today (one
 * skipped, as happens); for the others, the latest dose due.
 */
function dosesToMark(
  schedule: MedicationFields['schedule'],
  which: 'last-weeks' | 'latest',
  timeZone: string,
  now: Date,
  variant: number,
): { at: Date; status: 'given' | 'skipped' }[] {
  if (which === 'latest') {
    const latest = latestOccurrenceAtOrBefore(schedule, timeZone, now);
    return latest ? [{ at: latest, status: 'given' }] : [];
  }
  const today = localDateOf(now, timeZone);
  const skipped = dayOffset(today, -(5 + variant));
  return occurrencesBetween(schedule, timeZone, new Date(now.getTime() - 21 * DAY), now)
    .filter((at) => localDateOf(at, timeZone) < today)
    .map((at) => ({ at, status: localDateOf(at, timeZone) === skipped ? 'skipped' : 'given' }));
}

/**
 * Writes the year of records for each pet listed (name → id; names without a profile get none),
 * as `user`, whose zone is `timeZone` and whose today is `today` (in that zone, at `now`).
 */
export async function writeCareRecords(
  user: SessionUser,
  pets: { id: string; name: string }[],
  options: { timeZone: string; today: string; now: Date },
): Promise<void> {
  const { timeZone, today, now } = options;
  const seen: Record<Species, number> = { dog: 0, cat: 0 };
  for (const pet of pets) {
    const profile = CARE_PROFILES[pet.name];
    if (!profile) continue;
    const variant = seen[profile.species]++;
    const records = careRecordsFor(profile, today, variant);
    for (const input of records.vaccinations) expectStored(await createVaccination(user, pet.id, input, null), pet);
    for (const input of records.visits) expectStored(await createVetVisit(user, pet.id, input, null), pet);
    for (const fields of records.weights) expectStored(await createWeight(user, pet.id, fields, null), pet);
    for (const { fields, doses } of records.medications) {
      const created = await createMedication(user, pet.id, fields, null, now);
      if (created.status !== 'saved') throw new Error(`the demo pet ${pet.name} was not found`);
      for (const dose of dosesToMark(fields.schedule, doses, timeZone, now, variant)) {
        const outcome = await recordDose(user, pet.id, created.id, dose.at, dose.status, now);
        if (outcome.status !== 'recorded') throw new Error(`a demo dose was not recorded: ${outcome.status}`);
      }
    }
  }
}

/** The DAL answers null when the pet is not the caller's: for the seed's own pet, a bug. */
function expectStored(result: unknown, pet: { name: string }): void {
  if (result === null) throw new Error(`the demo pet ${pet.name} was not found`);
}
