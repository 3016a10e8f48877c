// The reminder fields (ADR 0037): the account's settings (email reminders on or off, the digest's
// local time) and the "Remind me" lead time every due-dated care record shares (one field, one rule).
import { z } from 'zod';
import { REMIND_DAYS_BEFORE, type RemindDaysBefore } from '../remind-me';

export const REMINDER_MESSAGES = {
  time: 'Enter a time of day as HH:MM, for example 08:00.',
  enabled: 'Choose whether to get email reminders.',
  remindDaysBefore: 'Choose one of the reminder options offered.',
} as const;

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

export const reminderSettingsSchema = z.object({
  // A checkbox: present ("on") when ticked, absent otherwise.
  enabled: z
    .literal('on', { error: REMINDER_MESSAGES.enabled })
    .optional()
    .transform((value) => value === 'on'),
  // Browsers send HH:MM; some add seconds (HH:MM:SS) when a step allows them: whole minutes are kept.
  time: z
    .string({ error: REMINDER_MESSAGES.time })
    .trim()
    .transform((value) => (/^\d{2}:\d{2}:\d{2}$/.test(value) ? value.slice(0, 5) : value))
    .refine((value) => TIME_OF_DAY.test(value), REMINDER_MESSAGES.time),
});

export type ReminderSettingsInput = z.output<typeof reminderSettingsSchema>;

const CHOICES = REMIND_DAYS_BEFORE.map(String) as [`${RemindDaysBefore}`, ...`${RemindDaysBefore}`[]];

/** The "Remind me" select of a care record: '' (or missing) is no reminder (null), else days before it is due. */
export const remindDaysBeforeField = z
  .enum(['', ...CHOICES], { error: REMINDER_MESSAGES.remindDaysBefore })
  .optional()
  .transform((value): RemindDaysBefore | null => (value ? (Number(value) as RemindDaysBefore) : null));
