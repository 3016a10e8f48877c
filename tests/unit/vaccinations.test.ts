// The pure rules of vaccinations: the next due date an interval gives (29 February included), the
// status of each vaccination on a day (only the latest shot of a vaccine counts), the suggestions
// per category, and the shared schema's messages.
import { describe, expect, it } from 'vitest';
import {
  addYears,
  daysBetween,
  dueDateAfter,
  vaccinationStatuses,
  vaccineSuggestions,
  type VaccinationForStatus,
} from '@/lib/vaccinations';
import { VACCINATION_MESSAGES, vaccinationSchema } from '@/lib/validations/vaccination';

describe('interval arithmetic', () => {
  it('adds whole years to a calendar date', () => {
    expect(addYears('2026-03-03', 1)).toBe('2027-03-03');
    expect(addYears('2026-12-31', 3)).toBe('2029-12-31');
  });

  it('takes 29 February to 28 February in a year without one, and keeps it in a leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(dueDateAfter('2024-02-29', '1y')).toBe('2025-02-28');
  });

  it('gives no date for no interval', () => {
    expect(dueDateAfter('2026-03-03', '')).toBeNull();
    expect(dueDateAfter('2026-03-03', '3y')).toBe('2029-03-03');
  });

  it('counts whole days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-01-31', '2026-03-02')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
  });
});

describe('vaccinationStatuses', () => {
  const today = '2026-06-15';
  const shot = (id: string, vaccine: string, givenOn: string, nextDueOn: string | null): VaccinationForStatus => ({
    id,
    vaccine,
    givenOn,
    nextDueOn,
  });
  const statusOf = (records: VaccinationForStatus[]) => Object.fromEntries(vaccinationStatuses(records, today));

  it('is "up to date" more than 30 days ahead, "due soon" from 30 days before to the due day, "overdue" after', () => {
    expect(
      statusOf([
        shot('a', 'Rabies', '2026-01-01', '2026-07-16'),
        shot('b', 'DHPP', '2026-01-01', '2026-07-15'),
        shot('c', 'Lyme', '2026-01-01', '2026-06-15'),
        shot('d', 'Bordetella', '2026-01-01', '2026-06-14'),
        shot('e', 'Leptospirosis', '2026-01-01', null),
      ]),
    ).toEqual({ a: 'up-to-date', b: 'due-soon', c: 'due-soon', d: 'overdue', e: null });
  });

  it('gives a status only to the latest shot of each vaccine: a superseded one is not overdue', () => {
    expect(
      statusOf([
        shot('new', 'Rabies', '2026-03-03', '2029-03-03'),
        shot('old', 'Rabies', '2023-03-03', '2026-03-03'),
        shot('cat', 'FVRCP', '2025-01-01', '2026-01-01'),
      ]),
    ).toEqual({ new: 'up-to-date', old: null, cat: 'overdue' });
  });

  it('treats names alike whatever their case and spacing, and whatever order the list comes in', () => {
    expect(
      statusOf([
        shot('old', ' rabies ', '2023-03-03', '2026-03-03'),
        shot('new', 'RABIES', '2026-03-03', null),
        shot('other', 'Canine  influenza', '2025-06-01', '2026-06-01'),
        shot('other-new', 'canine influenza', '2026-06-01', '2027-06-01'),
      ]),
    ).toEqual({ old: null, new: null, other: null, 'other-new': 'up-to-date' });
  });

  it('on the same day, counts the one listed first (the newest entry)', () => {
    expect(
      statusOf([shot('second', 'Rabies', '2026-03-03', '2027-03-03'), shot('first', 'Rabies', '2026-03-03', null)]),
    ).toEqual({ second: 'up-to-date', first: null });
  });
});

describe('vaccineSuggestions', () => {
  it("suggests by the pet's category, whatever its case", () => {
    expect(vaccineSuggestions('Dog')).toEqual([
      'Rabies',
      'DHPP',
      'Leptospirosis',
      'Bordetella',
      'Canine influenza',
      'Lyme',
    ]);
    expect(vaccineSuggestions(' cat ')).toEqual(['Rabies', 'FVRCP', 'Feline leukaemia (FeLV)']);
    expect(vaccineSuggestions('Rabbit')).toEqual(['Rabies']);
  });
});

describe('vaccinationSchema', () => {
  const schema = vaccinationSchema({ today: '2026-06-15' });
  const parse = (input: Record<string, string>) => schema.safeParse(input);
  const errorsOf = (input: Record<string, string>): Record<string, string[] | undefined> => {
    const result = parse(input);
    return result.success ? {} : result.error.flatten().fieldErrors;
  };

  it('computes the next due date from the interval, and a typed date wins', () => {
    expect(parse({ vaccine: 'Rabies', givenOn: '2024-02-29', nextDueInterval: '1y' }).data?.nextDueOn).toBe(
      '2025-02-28',
    );
    expect(
      parse({ vaccine: 'Rabies', givenOn: '2026-03-03', nextDueInterval: '3y', nextDueOn: '2027-01-01' }).data
        ?.nextDueOn,
    ).toBe('2027-01-01');
    expect(parse({ vaccine: 'Rabies', givenOn: '2026-03-03' }).data).toEqual({
      vaccine: 'Rabies',
      givenOn: '2026-03-03',
      nextDueOn: null,
      clinic: null,
      batchNumber: null,
      notes: null,
      // A submission without the "Remind me" field asks for no reminder.
      remindDaysBefore: null,
    });
  });

  it('gives each bad date its own message', () => {
    expect(errorsOf({ vaccine: 'Rabies', givenOn: '2026-06-16' }).givenOn).toEqual([
      VACCINATION_MESSAGES.givenInFuture,
    ]);
    expect(errorsOf({ vaccine: 'Rabies', givenOn: '2026-02-30' }).givenOn).toEqual([
      'Please enter a real date (YYYY-MM-DD)',
    ]);
    expect(errorsOf({ vaccine: 'Rabies' }).givenOn).toEqual(['Date given is required']);
    expect(errorsOf({ vaccine: 'Rabies', givenOn: '2026-03-03', nextDueOn: '2026-03-02' }).nextDueOn).toEqual([
      "The next due date can't be before the date given.",
    ]);
    expect(errorsOf({ vaccine: 'Rabies', givenOn: '2026-03-03', nextDueOn: '03/03/2027' }).nextDueOn).toEqual([
      'Please enter a real date (YYYY-MM-DD)',
    ]);
    expect(errorsOf({ vaccine: 'Rabies', givenOn: '2026-06-15', nextDueInterval: '5y' }).nextDueInterval).toEqual([
      VACCINATION_MESSAGES.interval,
    ]);
  });

  it('bounds the texts in characters, allows line breaks in notes only, and reads blank optional fields as none', () => {
    const base = { vaccine: 'Rabies', givenOn: '2026-03-03' };
    expect(errorsOf({ ...base, vaccine: 'x'.repeat(101) }).vaccine).toEqual(['Vaccine must be at most 100 characters']);
    expect(errorsOf({ ...base, vaccine: '💉'.repeat(100) }).vaccine).toBeUndefined();
    expect(errorsOf({ ...base, clinic: 'c'.repeat(201) }).clinic).toEqual([
      'Clinic or vet must be at most 200 characters',
    ]);
    expect(errorsOf({ ...base, notes: 'n'.repeat(2001) }).notes).toEqual(['Notes must be at most 2,000 characters']);
    expect(errorsOf({ ...base, notes: 'line one\nline two' }).notes).toBeUndefined();
    expect(errorsOf({ ...base, clinic: 'Vet\nclinic' }).clinic).toEqual([
      'Clinic or vet cannot contain control or text-direction characters',
    ]);
    expect(parse({ ...base, clinic: '   ', batchNumber: ' ' }).data).toMatchObject({ clinic: null, batchNumber: null });
    expect(errorsOf({ ...base, vaccine: '   ' }).vaccine).toEqual(['Vaccine is required']);
  });
});
