// The vet visit form's schema, shared by the form (instant feedback) and the actions
// (authoritative). A visit may be booked ahead, so its date may be in the future — up to a few
// years, beyond which it is a typing mistake. "Today" is the account's own, passed in.
import { z } from 'zod';
import { addYears } from '../vaccinations';
import { COST_MESSAGES, parseCost } from '../vet-visits';
import { optionalText, requiredDate, requiredText } from './care-fields';
import { VET_VISIT_LIMITS } from './care-rules';
import { remindDaysBeforeField } from './reminders';

/** How far ahead a visit may be booked. */
export const VISIT_YEARS_AHEAD = 5;

export const VET_VISIT_MESSAGES = {
  tooFarAhead: `A visit can be at most ${VISIT_YEARS_AHEAD} years ahead.`,
} as const;

export function vetVisitSchema(options: { today: string }) {
  const latest = addYears(options.today, VISIT_YEARS_AHEAD);
  return z
    .object({
      visitedOn: requiredDate('Date').refine((date) => date <= latest, VET_VISIT_MESSAGES.tooFarAhead),
      reason: requiredText({ label: 'Reason', max: VET_VISIT_LIMITS.reason }),
      clinic: optionalText({ label: 'Clinic', max: VET_VISIT_LIMITS.clinic }),
      notes: optionalText({ label: 'Notes', max: VET_VISIT_LIMITS.notes, multiline: true }),
      remindDaysBefore: remindDaysBeforeField,
      cost: z
        .preprocess(
          (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
          z.string({ error: COST_MESSAGES.format }).optional(),
        )
        .transform((typed, context) => {
          if (typed === undefined) return null;
          const cost = parseCost(typed);
          if ('problem' in cost) {
            context.addIssue({ code: 'custom', message: cost.problem });
            return z.NEVER;
          }
          return cost.cents;
        }),
    })
    .transform(({ cost, ...fields }) => ({ ...fields, costCents: cost }));
}

export type VetVisitInput = z.output<ReturnType<typeof vetVisitSchema>>;
