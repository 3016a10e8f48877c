// The vaccination form's schema, shared by the form (instant feedback) and the actions
// (authoritative). "Today" is passed in — the account's own today, at the moment of the request —
// so "not in the future" never depends on when or where this module was loaded. The next due date
// is typed, or computed from a chosen interval; a typed date wins.
import { z } from 'zod';
import { DUE_INTERVALS, dueDateAfter } from '../vaccinations';
import { optionalDate, optionalText, requiredDate, requiredText } from './care-fields';
import { VACCINATION_LIMITS } from './care-rules';
import { remindDaysBeforeField } from './reminders';

export const VACCINATION_MESSAGES = {
  givenInFuture: "The date given can't be in the future.",
  dueBeforeGiven: "The next due date can't be before the date given.",
  interval: 'Please choose one of the intervals offered',
} as const;

export function vaccinationSchema(options: { today: string }) {
  return z
    .object({
      vaccine: requiredText({ label: 'Vaccine', max: VACCINATION_LIMITS.vaccine }),
      givenOn: requiredDate('Date given').refine((date) => date <= options.today, VACCINATION_MESSAGES.givenInFuture),
      nextDueOn: optionalDate(),
      // '' is "None" (the form always sends the select); missing reads the same.
      nextDueInterval: z
        .enum(DUE_INTERVALS, { error: VACCINATION_MESSAGES.interval })
        .optional()
        .transform((value) => value ?? ''),
      clinic: optionalText({ label: 'Clinic or vet', max: VACCINATION_LIMITS.clinic }),
      batchNumber: optionalText({ label: 'Batch or lot number', max: VACCINATION_LIMITS.batchNumber }),
      notes: optionalText({ label: 'Notes', max: VACCINATION_LIMITS.notes, multiline: true }),
      remindDaysBefore: remindDaysBeforeField,
    })
    .transform(({ nextDueInterval, ...fields }, context) => {
      const nextDueOn = fields.nextDueOn ?? dueDateAfter(fields.givenOn, nextDueInterval);
      if (nextDueOn !== null && nextDueOn < fields.givenOn) {
        context.addIssue({ code: 'custom', path: ['nextDueOn'], message: VACCINATION_MESSAGES.dueBeforeGiven });
        return z.NEVER;
      }
      return { ...fields, nextDueOn };
    });
}

export type VaccinationInput = z.output<ReturnType<typeof vaccinationSchema>>;
