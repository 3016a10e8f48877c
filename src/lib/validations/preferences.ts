// The account's preferences form: a time zone from the runtime's list (stored in its canonical
// spelling) and a weight unit.
import { z } from 'zod';
import { canonicalTimeZone } from '../time-zones';
import { WEIGHT_UNITS } from '../weight-units';

export const PREFERENCES_MESSAGES = {
  timeZone: 'Choose a time zone from the list.',
  weightUnit: 'Choose kilograms or pounds.',
} as const;

export const preferencesSchema = z.object({
  timeZone: z.string({ error: PREFERENCES_MESSAGES.timeZone }).transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (zone) return zone;
    context.addIssue({ code: 'custom', message: PREFERENCES_MESSAGES.timeZone });
    return z.NEVER;
  }),
  weightUnit: z.enum(WEIGHT_UNITS, { error: PREFERENCES_MESSAGES.weightUnit }),
});
