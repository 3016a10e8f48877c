// How due items read and group (FR-047, FR-048), on fixed dates: the Upcoming page's sections, the
// badge a pet's card gets, an item's day in words, and the window's end across a month.
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates';
import { dueBadges, dueGroupOf, dueWhen, groupDueItems, UPCOMING_DAYS, type DueFacts } from '@/lib/due-items';
import { dayInWords } from '@/lib/medication-schedule';

const TODAY = '2026-12-07';
const item = (petId: string, due: string, overdue = false, at: string | null = null): DueFacts => ({
  petId,
  due,
  overdue,
  at,
});

describe('dueGroupOf', () => {
  it.each([
    [item('a', '2026-11-30', true), 'overdue'],
    // A dose due today but past its time is overdue, whatever its day.
    [item('a', TODAY, true, '2026-12-07T07:00:00.000Z'), 'overdue'],
    [item('a', TODAY), 'today'],
    [item('a', '2026-12-08'), 'week'],
    [item('a', '2026-12-14'), 'week'],
    [item('a', '2026-12-15'), 'later'],
  ] as const)('%j is %s', (due, group) => {
    expect(dueGroupOf(due, TODAY)).toBe(group);
  });
});

describe('groupDueItems', () => {
  it('keeps the non-empty groups in order and the items in theirs', () => {
    const items = [item('a', '2026-11-01', true), item('b', TODAY), item('c', '2026-12-20'), item('d', '2026-12-21')];
    expect(groupDueItems(items, TODAY)).toEqual([
      { group: 'overdue', items: [items[0]] },
      { group: 'today', items: [items[1]] },
      { group: 'later', items: [items[2], items[3]] },
    ]);
    expect(groupDueItems([], TODAY)).toEqual([]);
  });
});

describe('dueBadges', () => {
  it('"overdue" when any item of the pet is, else "due soon"; no badge without items', () => {
    const badges = dueBadges([
      item('rex', '2026-12-10'),
      item('rex', '2026-11-01', true),
      item('rex', '2026-12-20'),
      item('mia', '2026-12-30'),
    ]);
    expect(Object.fromEntries(badges)).toEqual({ rex: 'overdue', mia: 'due-soon' });
  });
});

describe('dayInWords and dueWhen', () => {
  it('words the near days, dates the others', () => {
    expect(dayInWords(TODAY, TODAY)).toBe('today');
    expect(dayInWords('2026-12-08', TODAY)).toBe('tomorrow');
    expect(dayInWords('2026-12-06', TODAY)).toBe('yesterday');
    expect(dayInWords('2026-12-10', TODAY)).toBe('Thu 10 Dec 2026');
  });

  it('a dose with its local time, a whole-day item by its day', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const dose = item('a', '2026-12-10', false, '2026-12-10T07:00:00.000Z');
    expect(dueWhen(dose, 'Europe/Berlin', TODAY, now)).toBe('Thu 10 Dec 2026, 08:00');
    expect(dueWhen(item('a', '2026-12-08'), 'Europe/Berlin', TODAY, now)).toBe('tomorrow');
  });
});

describe('the window', () => {
  it('is the 30 days after today, across a month and a leap day', () => {
    expect(UPCOMING_DAYS).toBe(30);
    expect(addDays(TODAY, UPCOMING_DAYS)).toBe('2027-01-06');
    expect(addDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
