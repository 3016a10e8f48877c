// The weight record's schema, shared by the form (instant feedback) and the actions (authoritative).
// The weight is typed in the account's unit and leaves as whole grams; "today" is the account's, at
// the moment of the request (both passed in, never read when this module loads).
import { z } from 'zod';
import { isRealCalendarDate } from '../dates';
import { formText } from '../form-submission';
import { MAX_WEIGHT_GRAMS, maxWeightInBothUnits, parseWeightNumber, toGrams, type WeightUnit } from '../weight-units';
import { EARLIEST_BIRTHDAY } from './rules';
import { hasControlOrBidiCharacter } from './text';

export const WEIGHT_NOTE_MAX_LENGTH = 500;

export const WEIGHT_FIELDS = ['date', 'weight', 'note'] as const;
export type WeightField = (typeof WEIGHT_FIELDS)[number];
export type WeightFormValues = Record<WeightField, string>;

export const WEIGHT_MESSAGES = {
  dateRequired: 'Enter the date of the weighing.',
  dateInvalid: 'Enter a real date (YYYY-MM-DD).',
  dateTooEarly: 'Enter a date after 1 January 1900.',
  dateInFuture: 'The date can’t be in the future.',
  weightRequired: 'Enter the weight.',
  weightNotANumber: 'Enter the weight as a number, like 12.5 (a decimal point or comma).',
  weightNotPositive: 'Enter a weight greater than 0.',
  weightTooHeavy: `That weight is more than ${maxWeightInBothUnits()}; check the number.`,
  noteTooLong: `The note must be at most ${WEIGHT_NOTE_MAX_LENGTH} characters.`,
  noteControl: 'The note can’t contain control or text-direction characters.',
} as const;

/** Length in characters as Postgres counts them (code points: an emoji is one). */
const characterCount = (value: string) => [...value].length;

/** Line breaks are what a multi-line note is made of; every other control character is refused. */
const withoutLineBreaks = (value: string) => value.replace(/\r\n|[\r\n]/g, '');

/** The schema of one weight record, for an account weighing in `unit` whose today is `today`. */
export function weightSchema(options: { today: string; unit: WeightUnit }) {
  return z.object({
    date: z
      .string({ error: WEIGHT_MESSAGES.dateRequired })
      .trim()
      // abort: one message per problem, the first that applies.
      .min(1, { error: WEIGHT_MESSAGES.dateRequired, abort: true })
      .refine(isRealCalendarDate, { error: WEIGHT_MESSAGES.dateInvalid, abort: true })
      .refine((date) => date > EARLIEST_BIRTHDAY, { error: WEIGHT_MESSAGES.dateTooEarly, abort: true })
      .refine((date) => date <= options.today, WEIGHT_MESSAGES.dateInFuture),
    weight: z
      .string({ error: WEIGHT_MESSAGES.weightRequired })
      .trim()
      .min(1, { error: WEIGHT_MESSAGES.weightRequired, abort: true })
      .transform((text, context) => {
        const value = parseWeightNumber(text);
        if (value === null) context.addIssue({ code: 'custom', message: WEIGHT_MESSAGES.weightNotANumber });
        // Under half a gram rounds to nothing: as good as 0.
        else if (value <= 0 || toGrams(value, options.unit) < 1)
          context.addIssue({ code: 'custom', message: WEIGHT_MESSAGES.weightNotPositive });
        else if (toGrams(value, options.unit) > MAX_WEIGHT_GRAMS)
          context.addIssue({ code: 'custom', message: WEIGHT_MESSAGES.weightTooHeavy });
        else return toGrams(value, options.unit);
        return z.NEVER;
      }),
    note: formText
      .transform((note) => note.trim())
      .refine((note) => characterCount(note) <= WEIGHT_NOTE_MAX_LENGTH, {
        error: WEIGHT_MESSAGES.noteTooLong,
        abort: true,
      })
      .refine((note) => !hasControlOrBidiCharacter(withoutLineBreaks(note)), WEIGHT_MESSAGES.noteControl)
      .transform((note) => note || null),
  });
}

export type WeightFields = { date: string; grams: number; note: string | null };

/** What the weight actions store: the record in whole grams (the DAL's fields). */
export function weightFieldsSchema(options: { today: string; unit: WeightUnit }) {
  return weightSchema(options).transform(({ date, weight, note }): WeightFields => ({ date, grams: weight, note }));
}
