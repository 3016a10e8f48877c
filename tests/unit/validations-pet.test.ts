import { describe, expect, it } from 'vitest';
import { parsePetListParams, petListQuery } from '@/lib/validations/pet-list';
import { petSchema, petUpdateSchema } from '@/lib/validations/pet';
import { petFormConstraints } from '@/lib/validations/pet-constraints';

const today = '2026-06-15';
const valid = { name: 'Bella', category: 'Dog', birthday: '2020-05-17', gender: 'female' };
const errors = (input: unknown) => {
  const result = petSchema({ today }).safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe('the form constraints, read from the schema', () => {
  it("bound each text as the schema does, in the browser's unit (UTF-16): 50 emoji can be typed, more cannot", () => {
    const constraints = petFormConstraints();
    for (const field of ['name', 'category'] as const) {
      const maxLength = constraints[field].maxLength!;
      expect(maxLength).toBe('🐾'.repeat(50).length);
      // What the browser lets through at most, the schema accepts when it is 50 characters…
      expect(errors({ ...valid, [field]: '🐾'.repeat(50) })[field]).toBeUndefined();
      // …and refuses with the contract's message when it is more.
      expect(errors({ ...valid, [field]: 'x'.repeat(maxLength) })[field]).toEqual([
        `${field === 'name' ? 'Name' : 'Category'} must be under 50 characters`,
      ]);
      expect(constraints[field].required).toBe(true);
    }
  });
});

describe('petSchema', () => {
  it('accepts a valid pet and trims the texts', () => {
    expect(petSchema({ today }).parse({ ...valid, name: '  Bella  ' })).toMatchObject({ ...valid, name: 'Bella' });
  });

  it('counts characters as Postgres does: 50 emoji fit, 51 do not', () => {
    expect(errors({ ...valid, name: '🐾'.repeat(50) }).name).toBeUndefined();
    expect(errors({ ...valid, name: '🐾'.repeat(51) }).name).toEqual(['Name must be under 50 characters']);
  });

  it('needs a visible character in a name or category (zero-width space, Hangul filler, joiners refused)', () => {
    for (const invisible of ['\u200B', '\u3164', '\u200B\u200C\u200D', '\u115F\u1160', '\u2800', '\uFEFF\u3164']) {
      expect(errors({ ...valid, name: invisible }).name).toEqual(['Name must contain a visible character']);
      expect(errors({ ...valid, category: invisible }).category).toEqual(['Category must contain a visible character']);
    }
    expect(errors({ ...valid, name: 'Zoë\u200B' }).name).toBeUndefined();
    expect(errors({ ...valid, name: '小白' }).name).toBeUndefined();
  });

  it('refuses control and text-direction characters (NUL, C0/C1, bidi overrides and isolates)', () => {
    const message = ['Name cannot contain control or text-direction characters'];
    for (const bad of [
      'a\u0000b',
      'a\u0007b',
      'a\nb',
      'a\u0085b',
      'a\u009Fb',
      'gnp.\u202Eexe',
      '\u202Aa',
      '\u2066a\u2069',
    ]) {
      expect(errors({ ...valid, name: bad }).name, JSON.stringify(bad)).toEqual(message);
    }
    expect(errors({ ...valid, category: 'Dog\u0000' }).category).toEqual([
      'Category cannot contain control or text-direction characters',
    ]);
  });

  it('uses the "today" it is given, not the moment the module loaded', () => {
    expect(errors({ ...valid, birthday: '2026-06-15' }).birthday).toBeUndefined();
    expect(errors({ ...valid, birthday: '2026-06-16' }).birthday).toEqual(['Birthday cannot be in the future']);
    expect(petSchema({ today: '2026-06-16' }).safeParse({ ...valid, birthday: '2026-06-16' }).success).toBe(true);
  });

  it('gives one message per birthday problem', () => {
    expect(errors({ ...valid, birthday: '' }).birthday).toEqual(['Birthday is required']);
    expect(errors({ ...valid, birthday: '2023-02-30' }).birthday).toEqual(['Please enter a real date (YYYY-MM-DD)']);
    expect(errors({ ...valid, birthday: '1900-01-01' }).birthday).toEqual(['Please enter a valid birthday']);
    expect(errors({ ...valid, birthday: '1900-01-02' }).birthday).toBeUndefined();
  });

  it('refuses unknown genders, numbers and missing values with the contract message', () => {
    for (const gender of ['robot', '', 1, null, undefined, 'Male']) {
      expect(errors({ ...valid, gender }).gender).toEqual(['Please select a valid gender']);
    }
  });

  it('makes every field optional for updates', () => {
    expect(petUpdateSchema({ today }).parse({})).toEqual({});
    expect(petUpdateSchema({ today }).safeParse({ name: '' }).success).toBe(false);
  });
});

describe('list parameters', () => {
  it('falls back to the defaults for anything out of range', () => {
    expect(parsePetListParams({ page: '-1', limit: '101', sortBy: 'email', order: 'up', q: 'x'.repeat(101) })).toEqual({
      page: 0,
      limit: 20,
      sortBy: 'created_at',
      order: 'desc',
      q: '',
    });
    expect(parsePetListParams({ page: '1.5', limit: '0' })).toMatchObject({ page: 0, limit: 20 });
    expect(parsePetListParams(undefined)).toMatchObject({ page: 0, limit: 20 });
  });

  it('reads valid values, taking the first of repeated ones', () => {
    expect(parsePetListParams({ page: ['2', '5'], limit: '100', sortBy: 'name', order: 'asc', q: '  cat ' })).toEqual({
      page: 2,
      limit: 100,
      sortBy: 'name',
      order: 'asc',
      q: 'cat',
    });
  });

  it('drops control characters from the search (a NUL never reaches the database)', () => {
    expect(parsePetListParams({ q: 'c\u0000a\u202Et\u0007' }).q).toBe('cat');
    expect(parsePetListParams({ q: '\u0000' }).q).toBe('');
  });

  it('writes short URLs, leaving defaults out', () => {
    expect(petListQuery({ page: 0 })).toBe('');
    expect(petListQuery({ page: 2, sortBy: 'name', q: 'a b' })).toBe('?page=2&sortBy=name&q=a+b');
  });
});
