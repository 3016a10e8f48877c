// What a medication record is for, its schedule's shape, and how a dose was recorded: the values the
// database accepts, the forms offer and the export writes (plain data: the browser loads it).

export const MEDICATION_KINDS = ['medication', 'flea-tick', 'worming', 'other'] as const;
export type MedicationKind = (typeof MEDICATION_KINDS)[number];

export const MEDICATION_KIND_LABELS: Record<MedicationKind, string> = {
  medication: 'Medication',
  'flea-tick': 'Flea & tick',
  worming: 'Worming',
  other: 'Other',
};

export const DOSE_STATUSES = ['given', 'skipped'] as const;
export type DoseStatus = (typeof DOSE_STATUSES)[number];

/** How a schedule repeats (medication-schedule.ts turns each into an RFC 5545 rule). */
export const SCHEDULE_KINDS = ['once', 'every-n-days', 'weekly', 'monthly'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** RFC 5545's BYDAY names, Monday first (the week starts on Monday: WKST=MO). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export const MAX_INTERVAL_DAYS = 365;

/** A schedule as stored: local calendar dates and a local time of day, never an instant. */
export type Schedule = {
  kind: ScheduleKind;
  /** every-n-days only: 1–365. */
  intervalDays: number | null;
  /** weekly only: at least one, in WEEKDAYS order. */
  weekdays: Weekday[];
  /** YYYY-MM-DD, the first day a dose can fall on. */
  startDate: string;
  /** YYYY-MM-DD, the last day a dose can fall on (inclusive); null: open-ended. Ignored for `once`. */
  endDate: string | null;
  /** HH:MM, local time in the account's zone. */
  timeOfDay: string;
};
