// The field rules the care-record schemas share (vaccinations, vet visits): bounded free text with
// the app's rules on what text may hold, and calendar dates. Conform hands a field left empty to
// the schema as missing, so "required" and "optional" are decided here, with the user's messages.
import { z } from 'zod';
import { isRealCalendarDate } from '../dates';
import { hasControlOrBidiCharacter, hasVisibleCharacter } from './text';

/** Length in characters as Postgres counts them (code points: an emoji is one). */
const characterCount = (value: string) => [...value].length;

/** Line breaks and tabs are fine in a multi-line note; other control characters are not. */
const withoutLineBreaks = (value: string) => value.replace(/[\r\n\t]/g, ' ');

type TextRule = { label: string; max: number; multiline?: boolean };

function boundedText({ label, max, multiline = false }: TextRule) {
  return (
    z
      .string({ error: `${label} is required` })
      .trim()
      // abort: one message per problem, the first that applies.
      .min(1, { error: `${label} is required`, abort: true })
      .refine((value) => !hasControlOrBidiCharacter(multiline ? withoutLineBreaks(value) : value), {
        error: `${label} cannot contain control or text-direction characters`,
        abort: true,
      })
      .refine(hasVisibleCharacter, { error: `${label} must contain a visible character`, abort: true })
      .refine(
        (value) => characterCount(value) <= max,
        `${label} must be at most ${max.toLocaleString('en-US')} characters`,
      )
  );
}

export const requiredText = (rule: TextRule) => boundedText(rule);

/** Blank (empty or only spaces) reads as not given. */
const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Optional text: left empty (or blank) it is null. */
export const optionalText = (rule: TextRule) =>
  z.preprocess(blankAsMissing, boundedText(rule).optional()).transform((value) => value ?? null);

/** Dates before this are typing mistakes, not records of a pet's care. */
export const EARLIEST_CARE_DATE = '1900-01-01';

const REAL_DATE = 'Please enter a real date (YYYY-MM-DD)';
const EARLY_DATE = 'Please enter a date from 1900 on';

/** A required calendar date (YYYY-MM-DD), a real day from 1900 on. */
export const requiredDate = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required`, abort: true })
    .refine(isRealCalendarDate, { error: REAL_DATE, abort: true })
    .refine((date) => date >= EARLIEST_CARE_DATE, EARLY_DATE);

/** An optional calendar date: left empty it is null. */
export const optionalDate = () =>
  z
    .preprocess(
      blankAsMissing,
      z
        .string({ error: REAL_DATE })
        .trim()
        .refine(isRealCalendarDate, { error: REAL_DATE, abort: true })
        .refine((date) => date >= EARLIEST_CARE_DATE, EARLY_DATE)
        .optional(),
    )
    .transform((value) => value ?? null);
