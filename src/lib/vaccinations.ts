// The rules of vaccinations that need no database: which vaccines to suggest for a pet's category,
// the next due date an interval gives, and each vaccination's status on a given day — where only
// the latest shot of each vaccine counts (an older rabies shot that a newer one superseded is not
// "overdue"). Pure, so the pet page, the reminders to come and the tests share one definition.

import { formatCalendarDate } from './dates';

/** "Rabies from 3 March 2026": how buttons, dialogs and pages name one vaccination. */
export function vaccinationName(vaccination: { vaccine: string; givenOn: string }): string {
  return `${vaccination.vaccine} from ${formatCalendarDate(vaccination.givenOn)}`;
}

/** Suggestions for the vaccine field, by the pet's category (the category is free text). */
const VACCINE_SUGGESTIONS = {
  dog: ['Rabies', 'DHPP', 'Leptospirosis', 'Bordetella', 'Canine influenza', 'Lyme'],
  cat: ['Rabies', 'FVRCP', 'Feline leukaemia (FeLV)'],
  other: ['Rabies'],
} as const;

export function vaccineSuggestions(category: string): readonly string[] {
  const kind = category.trim().toLowerCase();
  if (['dog', 'dogs', 'puppy'].includes(kind)) return VACCINE_SUGGESTIONS.dog;
  if (['cat', 'cats', 'kitten'].includes(kind)) return VACCINE_SUGGESTIONS.cat;
  return VACCINE_SUGGESTIONS.other;
}

/** The intervals the form offers for the next due date ('' = none: no date, or the typed one). */
export const DUE_INTERVALS = ['', '1y', '3y'] as const;
export type DueInterval = (typeof DUE_INTERVALS)[number];
export const DUE_INTERVAL_LABELS: Record<DueInterval, string> = { '': 'None', '1y': '1 year', '3y': '3 years' };
const INTERVAL_YEARS: Record<Exclude<DueInterval, ''>, number> = { '1y': 1, '3y': 3 };

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * `date` (YYYY-MM-DD) plus whole years; a 29 February lands on 28 February in a year without one
 * (the last day of the same month, never a day into March).
 */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${pad(target, 4)}-${pad(month, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The next due date an interval gives from the date given, or null for none. */
export function dueDateAfter(givenOn: string, interval: DueInterval): string | null {
  return interval === '' ? null : addYears(givenOn, INTERVAL_YEARS[interval]);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export const DUE_SOON_DAYS = 30;

export type VaccinationStatus = 'up-to-date' | 'due-soon' | 'overdue';
export const VACCINATION_STATUS_LABELS: Record<VaccinationStatus, string> = {
  'up-to-date': 'Up to date',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
};

export type VaccinationForStatus = { id: string; vaccine: string; givenOn: string; nextDueOn: string | null };

/** Vaccine names compare without case and extra spaces ("rabies " and "Rabies" are one vaccine). */
function vaccineKey(vaccine: string): string {
  return vaccine.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/**
 * Each vaccination's status on `today` (YYYY-MM-DD, in the account's time zone): only the latest of
 * each vaccine (by date given; on the same day, the one listed first — the newest entry) has one;
 * it is "overdue" once its next due date has passed, "due soon" from 30 days before it (the due day
 * included), "up to date" before that, and none without a next due date. Records are listed newest
 * first, as the pet page lists them.
 */
export function vaccinationStatuses(
  records: readonly VaccinationForStatus[],
  today: string,
): Map<string, VaccinationStatus | null> {
  const latest = new Map<string, VaccinationForStatus>();
  for (const record of records) {
    const key = vaccineKey(record.vaccine);
    const current = latest.get(key);
    if (!current || record.givenOn > current.givenOn) latest.set(key, record);
  }
  const statuses = new Map<string, VaccinationStatus | null>();
  for (const record of records) {
    const counts = latest.get(vaccineKey(record.vaccine)) === record;
    statuses.set(record.id, counts && record.nextDueOn ? statusOn(record.nextDueOn, today) : null);
  }
  return statuses;
}

function statusOn(nextDueOn: string, today: string): VaccinationStatus {
  const days = daysBetween(today, nextDueOn);
  if (days < 0) return 'overdue';
  return days <= DUE_SOON_DAYS ? 'due-soon' : 'up-to-date';
}
