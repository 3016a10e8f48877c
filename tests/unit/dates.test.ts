import { describe, expect, it } from 'vitest';
import {
  ageInWords,
  formatCalendarDate,
  isRealCalendarDate,
  knownTimeZone,
  latestTodayOnEarth,
  todayIn,
} from '@/lib/dates';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '1900-01-02'])('%s is a real date', (date) => {
    expect(isRealCalendarDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-02-30',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-1-1',
    '20230101',
    '',
  ])('%j is not', (date) => expect(isRealCalendarDate(date)).toBe(false));

  it('knows today in any zone at a given instant', () => {
    const instant = new Date('2026-03-01T10:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2026-03-02');
    expect(todayIn('Pacific/Pago_Pago', instant)).toBe('2026-02-28');
    expect(latestTodayOnEarth(instant)).toBe('2026-03-02');
  });

  it('accepts only time zones the runtime knows', () => {
    expect(knownTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(knownTimeZone('Mars/Olympus')).toBeUndefined();
    expect(knownTimeZone('')).toBeUndefined();
  });

  it('formats the stored day without shifting it', () => {
    expect(formatCalendarDate('2021-03-01')).toBe('1 March 2021');
    expect(formatCalendarDate('2020-12-31')).toBe('31 December 2020');
  });

  it.each([
    ['2020-05-17', '2026-05-16', '5 years'],
    ['2020-05-17', '2026-05-17', '6 years'],
    ['2025-05-17', '2026-07-20', '1 year, 2 months'],
    ['2025-11-17', '2026-05-17', '6 months'],
    ['2026-05-01', '2026-05-13', '12 days'],
    ['2026-05-13', '2026-05-13', 'Born today'],
    ['2026-04-30', '2026-05-01', '1 day'],
  ])('a pet born %s is %s old on %s', (birthday, today, words) => {
    expect(ageInWords(birthday, today)).toBe(words);
  });
});
