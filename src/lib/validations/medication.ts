// The medication form's schema, shared by the form (instant feedback) and the actions
// (authoritative): what it is, its dose, its schedule (medication-schedule.ts) and notes, with one
// specific message per problem. Fields that do not belong to the chosen schedule are dropped.
import { z } from 'zod';
import { isRealCalendarDate } from '../dates';
import {
  MAX_INTERVAL_DAYS,
  MEDICATION_KINDS,
  SCHEDULE_KINDS,
  WEEKDAYS,
  type Schedule,
  type Weekday,
} from '../medication-kinds';
import { hasControlOrBidiCharacter, hasVisibleCharacter } from './text';
import { DEFAULT_REMIND_ME } from '../remind-me';
import { remindDaysBeforeField } from './reminders';

export const MEDICATION_LIMITS = { name: 100, dose: 100, notes: 2000 } as const;
/** The range of dates a schedule may start or end on. */
export const EARLIEST_SCHEDULE_DATE = '2000-01-01';
export const LATEST_SCHEDULE_DATE = '2100-12-31';
export const DEFAULT_TIME_OF_DAY = '08:00';

export const MEDICATION_MESSAGES = {
  kind: 'Choose what kind of treatment this is',
  nameRequired: 'Name is required',
  nameTooLong: `Name must be ${MEDICATION_LIMITS.name} characters or fewer`,
  doseTooLong: `Dose must be ${MEDICATION_LIMITS.dose} characters or fewer`,
  notesTooLong: 'Notes must be 2,000 characters or fewer',
  controlCharacters: 'Please remove control or text-direction characters',
  schedule: 'Choose how often it is given',
  interval: `Enter how many days apart, a whole number from 1 to ${MAX_INTERVAL_DAYS}`,
  weekdays: 'Choose at least one day of the week',
  startRequired: 'Start date is required',
  realDate: 'Please enter a real date (YYYY-MM-DD)',
  dateRange: 'Please enter a date from 2000 to 2100',
  endBeforeStart: "The end date can't be before the start date.",
  time: 'Enter a time of day (HH:MM)',
} as const;

const characters = (value: string) => [...value].length;

/** A free text of at most `max` characters; '' is allowed when optional (and then null). */
function freeText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .refine((value) => !hasControlOrBidiCharacter(value.replace(/\r?\n/g, ' ')), {
      error: MEDICATION_MESSAGES.controlCharacters,
      abort: true,
    })
    .refine((value) => characters(value) <= max, tooLong);
}

/** A form field as the browser sent it: absent and '' alike are ''. */
const field = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' ? value : ''));

const calendarDate = (required: string | null) =>
  field.pipe(
    z
      .string()
      .trim()
      .refine((value) => value !== '' || required === null, { error: required ?? '', abort: true })
      .refine((value) => value === '' || isRealCalendarDate(value), {
        error: MEDICATION_MESSAGES.realDate,
        abort: true,
      })
      .refine(
        (value) => value === '' || (value >= EARLIEST_SCHEDULE_DATE && value <= LATEST_SCHEDULE_DATE),
        MEDICATION_MESSAGES.dateRange,
      ),
  );

/** Checkbox values: none, one (a string) or several (an array). */
const weekdayList = z
  .unknown()
  .optional()
  .transform((value) => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]))
  .pipe(z.array(z.enum(WEEKDAYS, { error: MEDICATION_MESSAGES.weekdays })))
  .transform((days) => WEEKDAYS.filter((day) => days.includes(day)));

export const medicationSchema = z
  .object({
    kind: z.enum(MEDICATION_KINDS, { error: MEDICATION_MESSAGES.kind }),
    name: field.pipe(
      freeText(MEDICATION_LIMITS.name, MEDICATION_MESSAGES.nameTooLong).refine(hasVisibleCharacter, {
        error: MEDICATION_MESSAGES.nameRequired,
      }),
    ),
    dose: field.pipe(freeText(MEDICATION_LIMITS.dose, MEDICATION_MESSAGES.doseTooLong)),
    schedule: z.enum(SCHEDULE_KINDS, { error: MEDICATION_MESSAGES.schedule }),
    intervalDays: field,
    weekdays: weekdayList,
    startDate: calendarDate(MEDICATION_MESSAGES.startRequired),
    endDate: calendarDate(null),
    timeOfDay: field.pipe(
      z
        .string()
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d(:00)?$/, MEDICATION_MESSAGES.time)
        .transform((value) => value.slice(0, 5)),
    ),
    notes: field.pipe(freeText(MEDICATION_LIMITS.notes, MEDICATION_MESSAGES.notesTooLong)),
    remindDaysBefore: remindDaysBeforeField,
  })
  .superRefine((value, context) => {
    if (value.schedule === 'every-n-days' && parseInterval(value.intervalDays) === null)
      context.addIssue({ code: 'custom', path: ['intervalDays'], message: MEDICATION_MESSAGES.interval });
    if (value.schedule === 'weekly' && value.weekdays.length === 0)
      context.addIssue({ code: 'custom', path: ['weekdays'], message: MEDICATION_MESSAGES.weekdays });
    if (value.schedule !== 'once' && value.endDate && value.startDate && value.endDate < value.startDate)
      context.addIssue({ code: 'custom', path: ['endDate'], message: MEDICATION_MESSAGES.endBeforeStart });
  })
  .transform((value): MedicationFields => ({
    kind: value.kind,
    name: value.name,
    dose: value.dose || null,
    notes: value.notes || null,
    remindDaysBefore: value.remindDaysBefore,
    schedule: {
      kind: value.schedule,
      intervalDays: value.schedule === 'every-n-days' ? parseInterval(value.intervalDays) : null,
      weekdays: value.schedule === 'weekly' ? value.weekdays : [],
      startDate: value.startDate,
      endDate: value.schedule === 'once' ? null : value.endDate || null,
      timeOfDay: value.timeOfDay,
    },
  }));

export type MedicationFields = {
  kind: (typeof MEDICATION_KINDS)[number];
  name: string;
  dose: string | null;
  notes: string | null;
  /** Days before a dose that reminders start; null: none. */
  remindDaysBefore: number | null;
  schedule: Schedule;
};

function parseInterval(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days >= 1 && days <= MAX_INTERVAL_DAYS ? days : null;
}

/** The fields of the form, as text, in the order it shows them (what a failed submit gives back). */
export const MEDICATION_TEXT_FIELDS = [
  'kind',
  'name',
  'dose',
  'schedule',
  'intervalDays',
  'startDate',
  'endDate',
  'timeOfDay',
  'notes',
  'remindDaysBefore',
] as const;
export type MedicationTextField = (typeof MEDICATION_TEXT_FIELDS)[number];
export type MedicationFormValues = Record<MedicationTextField, string> & { weekdays: Weekday[] };
export type MedicationField = MedicationTextField | 'weekdays';

export const EMPTY_MEDICATION_VALUES: MedicationFormValues = {
  kind: 'medication',
  name: '',
  dose: '',
  schedule: 'every-n-days',
  intervalDays: '1',
  weekdays: [],
  startDate: '',
  endDate: '',
  timeOfDay: DEFAULT_TIME_OF_DAY,
  notes: '',
  remindDaysBefore: DEFAULT_REMIND_ME,
};

/** Marking a dose: which medication and which scheduled instant, and what happened (or taking a mark back). */
export const doseSubmission = z.object({
  petId: field,
  medicationId: field,
  scheduledAt: field.pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'This dose is not on the schedule')
      .transform((value) => new Date(value))
      .refine((value) => !Number.isNaN(value.getTime()), 'This dose is not on the schedule'),
  ),
  status: z.enum(['given', 'skipped', 'undo'], { error: 'Choose given or skipped' }),
});
