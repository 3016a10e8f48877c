// The contract's pet schemas, shared by the forms (instant feedback) and the actions
// (authoritative). "Today" is passed in, so the future check uses the moment of the request,
// in the user's own time zone, never the moment this module was loaded. The photo's rules are
// image.ts'.
import { z } from 'zod';
import { isRealCalendarDate } from '../dates';
import { PET_GENDERS } from '../pet-genders';
import { EARLIEST_BIRTHDAY } from './rules';
import { hasControlOrBidiCharacter, hasVisibleCharacter } from './text';

export const NAME_MAX_LENGTH = 50;

/** The most UTF-16 code units NAME_MAX_LENGTH characters can take (a character outside the BMP, an
 * emoji, takes two). A browser's maxlength counts code units: this is the bound the form gets
 * (pet-constraints.ts), so a name of 50 emoji can still be typed; the character count decides. */
const NAME_MAX_CODE_UNITS = 2 * NAME_MAX_LENGTH;

/** Length in characters as Postgres counts them (code points: an emoji is one). */
const characterCount = (value: string) => [...value].length;

/** A required text: anything but one string (missing, a file part) reads as not given. */
const requiredText = (required: string) => z.string({ error: required }).trim();

const boundedText = (label: string) =>
  requiredText(`${label} is required`)
    // abort: one message per problem, the first that applies.
    .min(1, { error: `${label} is required`, abort: true })
    .max(NAME_MAX_CODE_UNITS, { error: `${label} must be under 50 characters`, abort: true })
    .refine((value) => !hasControlOrBidiCharacter(value), {
      error: `${label} cannot contain control or text-direction characters`,
      abort: true,
    })
    .refine(hasVisibleCharacter, { error: `${label} must contain a visible character`, abort: true })
    .refine((value) => characterCount(value) <= NAME_MAX_LENGTH, `${label} must be under 50 characters`);

export function petSchema(options: { today: string }) {
  return z.object({
    name: boundedText('Name'),
    category: boundedText('Category'),
    birthday: requiredText('Birthday is required')
      // abort: one message per problem, the first that applies.
      .min(1, { error: 'Birthday is required', abort: true })
      .refine(isRealCalendarDate, { error: 'Please enter a real date (YYYY-MM-DD)', abort: true })
      .refine((date) => date > EARLIEST_BIRTHDAY, 'Please enter a valid birthday')
      .refine((date) => date <= options.today, 'Birthday cannot be in the future'),
    gender: z.enum(PET_GENDERS, { error: () => 'Please select a valid gender' }),
  });
}

export function petUpdateSchema(options: { today: string }) {
  return petSchema(options).partial();
}
