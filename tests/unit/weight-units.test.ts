// The weight module: conversions that round-trip every stored gram, the shown rounding, what a typed
// weight may look like (a decimal point or a decimal comma), and the schema's messages.
import { describe, expect, it } from 'vitest';
import {
  formatWeight,
  formatWeightChange,
  fromGrams,
  MAX_WEIGHT_GRAMS,
  parseWeightNumber,
  toGrams,
  WEIGHT_UNITS,
  weightInputValue,
} from '@/lib/weight-units';
import { WEIGHT_MESSAGES, weightFieldsSchema, weightSchema } from '@/lib/validations/weight';

const today = '2026-12-07';

function errorsFor(input: Record<string, unknown>, unit: 'kg' | 'lb' = 'kg') {
  const result = weightSchema({ today, unit }).safeParse({ date: '2026-12-01', weight: '12.5', note: '', ...input });
  return result.success ? {} : result.error.flatten().fieldErrors;
}

describe('conversion', () => {
  it('a pound is exactly 453.59237 g; a kilogram 1000 g', () => {
    expect(toGrams(1, 'lb')).toBe(454);
    expect(toGrams(100, 'lb')).toBe(45359);
    expect(toGrams(12.5, 'kg')).toBe(12500);
    expect(fromGrams(453.59237, 'lb')).toBe(1);
  });

  it.each(WEIGHT_UNITS)('every stored gram up to 200 kg survives an edit form unchanged in %s', (unit) => {
    for (let grams = 1; grams <= MAX_WEIGHT_GRAMS; grams += 1) {
      const typed = weightInputValue(grams, unit);
      if (toGrams(parseWeightNumber(typed)!, unit) !== grams) throw new Error(`${grams} g became ${typed} ${unit}`);
    }
  });

  it('what a person types in pounds with two decimals comes back the same', () => {
    for (const typed of ['0.5', '9.99', '12.25', '27.4', '440.92']) {
      expect(weightInputValue(toGrams(Number(typed), 'lb'), 'lb')).toBe(typed);
    }
  });
});

describe('display', () => {
  it('rounds to 0.1 in the account unit, with the unit', () => {
    expect(formatWeight(13_149, 'kg')).toBe('13.1 kg');
    expect(formatWeight(13_150, 'kg')).toBe('13.2 kg');
    expect(formatWeight(13_000, 'kg')).toBe('13.0 kg');
    expect(formatWeight(MAX_WEIGHT_GRAMS, 'lb')).toBe('440.9 lb');
    expect(formatWeight(5_000, 'lb')).toBe('11.0 lb');
    expect(formatWeight(150_000, 'kg')).toBe('150.0 kg');
  });

  it('a change has its sign, and none when it rounds to nothing', () => {
    expect(formatWeightChange(300, 'kg')).toBe('+0.3 kg');
    expect(formatWeightChange(-250, 'kg')).toBe('−0.3 kg');
    expect(formatWeightChange(20, 'kg')).toBe('±0.0 kg');
    expect(formatWeightChange(454, 'lb')).toBe('+1.0 lb');
  });
});

describe('parsing a typed weight: a decimal point or a decimal comma, nothing else', () => {
  it.each([
    ['12.5', 12.5],
    ['12,5', 12.5],
    [' 7 ', 7],
    ['.5', 0.5],
    [',5', 0.5],
    ['12.', 12],
    ['0', 0],
    ['-3', -3],
  ])('%j is %d', (text, value) => {
    expect(parseWeightNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '1,234.5', '1.234,5', '1e3', '+5', '12 kg', '0x10', 'Infinity', 'NaN', '1..2', '١٢'])(
    '%j is not a number',
    (text) => {
      expect(parseWeightNumber(text)).toBeNull();
    },
  );
});

describe('weightSchema', () => {
  it('turns the typed weight into whole grams of the account unit', () => {
    const parse = (weight: string, unit: 'kg' | 'lb') =>
      weightSchema({ today, unit }).parse({ date: '2026-12-01', weight, note: '' }).weight;
    expect(parse('12,5', 'kg')).toBe(12_500);
    expect(parse('27.5', 'lb')).toBe(12_474);
    expect(parse('440.9', 'lb')).toBe(199_989);
  });

  it('refuses weights of 0 or less, and under half a gram', () => {
    for (const weight of ['0', '-1', '0.0004', ',0'])
      expect(errorsFor({ weight }).weight).toEqual([WEIGHT_MESSAGES.weightNotPositive]);
  });

  it('refuses more than 200 kg, in either unit, naming the bound in both', () => {
    expect(WEIGHT_MESSAGES.weightTooHeavy).toBe('That weight is more than 200 kg (440.9 lb); check the number.');
    expect(errorsFor({ weight: '200.001' }).weight).toEqual([WEIGHT_MESSAGES.weightTooHeavy]);
    expect(errorsFor({ weight: '441' }, 'lb').weight).toEqual([WEIGHT_MESSAGES.weightTooHeavy]);
    expect(errorsFor({ weight: '200' }).weight).toBeUndefined();
    expect(errorsFor({ weight: '440.9' }, 'lb').weight).toBeUndefined();
  });

  it('says a weight is missing, or not a number', () => {
    expect(errorsFor({ weight: '' }).weight).toEqual([WEIGHT_MESSAGES.weightRequired]);
    expect(errorsFor({ weight: undefined }).weight).toEqual([WEIGHT_MESSAGES.weightRequired]);
    expect(errorsFor({ weight: 'twelve' }).weight).toEqual([WEIGHT_MESSAGES.weightNotANumber]);
  });

  it("dates: required, real, and not after the account's today", () => {
    expect(errorsFor({ date: '' }).date).toEqual([WEIGHT_MESSAGES.dateRequired]);
    expect(errorsFor({ date: '2026-02-30' }).date).toEqual([WEIGHT_MESSAGES.dateInvalid]);
    expect(errorsFor({ date: '1899-12-31' }).date).toEqual([WEIGHT_MESSAGES.dateTooEarly]);
    expect(errorsFor({ date: '2026-12-08' }).date).toEqual([WEIGHT_MESSAGES.dateInFuture]);
    expect(errorsFor({ date: today }).date).toBeUndefined();
  });

  it('a note is optional, at most 500 characters (an emoji is one), line breaks but no control characters', () => {
    expect(weightSchema({ today, unit: 'kg' }).parse({ date: today, weight: '1' }).note).toBeNull();
    expect(errorsFor({ note: '🐾'.repeat(500) }).note).toBeUndefined();
    expect(errorsFor({ note: 'x'.repeat(501) }).note).toEqual([WEIGHT_MESSAGES.noteTooLong]);
    expect(errorsFor({ note: 'after the walk\r\nbefore food' }).note).toBeUndefined();
    expect(errorsFor({ note: 'evil\u202Etxt' }).note).toEqual([WEIGHT_MESSAGES.noteControl]);
    expect(errorsFor({ note: 'nul\u0000' }).note).toEqual([WEIGHT_MESSAGES.noteControl]);
  });

  it('what the actions store is the record in whole grams', () => {
    const parsed = weightFieldsSchema({ today, unit: 'lb' }).parse({ date: today, weight: '10', note: ' ok ' });
    expect(parsed).toEqual({ date: today, grams: 4536, note: 'ok' });
  });
});
