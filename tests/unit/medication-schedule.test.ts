// The medication schedule module with fixed instants and real IANA zones: local times across DST
// changes (Berlin, New York, Lord Howe's half hour, Kathmandu's +5:45), the four kinds of schedule,
// end dates, the dose that is due, and the RFC 5545 text a calendar feed will carry.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  firstOccurrenceAfter,
  formatDoseTime,
  isOccurrence,
  latestOccurrenceAtOrBefore,
  occurrencesBetween,
  pendingDose,
  scheduleToICalendar,
  type Schedule,
} from '@/lib/medication-schedule';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());
const local = (dates: Date[], zone: string) =>
  dates.map((date) => DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ"));

const daily = (overrides: Partial<Schedule> = {}): Schedule => ({
  kind: 'every-n-days',
  intervalDays: 1,
  weekdays: [],
  startDate: '2026-01-01',
  endDate: null,
  timeOfDay: '08:00',
  ...overrides,
});

describe('a daily 08:00 dose stays 08:00 local across DST changes', () => {
  it('Europe/Berlin, spring forward (29 March 2026)', () => {
    const doses = occurrencesBetween(daily(), 'Europe/Berlin', at('2026-03-27T00:00Z'), at('2026-03-31T00:00Z'));
    expect(iso(doses)).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
  });

  it('Europe/Berlin, fall back (25 October 2026)', () => {
    const doses = occurrencesBetween(daily(), 'Europe/Berlin', at('2026-10-24T00:00Z'), at('2026-10-27T00:00Z'));
    expect(local(doses, 'Europe/Berlin')).toEqual([
      '2026-10-24T08:00+02:00',
      '2026-10-25T08:00+01:00',
      '2026-10-26T08:00+01:00',
    ]);
  });

  it('America/New_York, both changes of 2026', () => {
    const spring = occurrencesBetween(daily(), 'America/New_York', at('2026-03-07T00:00Z'), at('2026-03-10T00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-07T13:00:00.000Z', '2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z']);
    const fall = occurrencesBetween(daily(), 'America/New_York', at('2026-10-31T00:00Z'), at('2026-11-03T00:00Z'));
    expect(iso(fall)).toEqual(['2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z', '2026-11-02T13:00:00.000Z']);
  });

  it("Australia/Lord_Howe's half-hour shift (4 October and 5 April 2026)", () => {
    const spring = occurrencesBetween(daily(), 'Australia/Lord_Howe', at('2026-10-02T12:00Z'), at('2026-10-05T12:00Z'));
    expect(local(spring, 'Australia/Lord_Howe')).toEqual([
      '2026-10-03T08:00+10:30',
      '2026-10-04T08:00+11:00',
      '2026-10-05T08:00+11:00',
    ]);
    expect(iso(spring)[0]).toBe('2026-10-02T21:30:00.000Z');
    expect(iso(spring)[1]).toBe('2026-10-03T21:00:00.000Z');
    const autumn = occurrencesBetween(daily(), 'Australia/Lord_Howe', at('2026-04-03T12:00Z'), at('2026-04-06T12:00Z'));
    expect(local(autumn, 'Australia/Lord_Howe')).toEqual([
      '2026-04-04T08:00+11:00',
      '2026-04-05T08:00+10:30',
      '2026-04-06T08:00+10:30',
    ]);
  });

  it('Asia/Kathmandu (+5:45, no DST)', () => {
    const doses = occurrencesBetween(daily(), 'Asia/Kathmandu', at('2026-03-28T00:00Z'), at('2026-03-30T00:00Z'));
    expect(iso(doses)).toEqual(['2026-03-28T02:15:00.000Z', '2026-03-29T02:15:00.000Z']);
  });
});

describe('the offsets and dose lists the module keeps', () => {
  it('answer each zone for itself: the same local time and instants asked again in other zones', () => {
    const window = [at('2026-03-28T00:00Z'), at('2026-03-31T00:00Z')] as const;
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    const first = zones.map((zone) => iso(occurrencesBetween(daily(), zone, ...window)));
    // Asked again in the reverse order: every zone still gets its own instants.
    const again = [...zones].reverse().map((zone) => iso(occurrencesBetween(daily(), zone, ...window)));
    expect(again.reverse()).toEqual(first);
    expect(first.map((doses) => doses[1])).toEqual([
      '2026-03-29T06:00:00.000Z', // Berlin, the spring-forward day: 08:00 CEST
      '2026-03-29T12:00:00.000Z', // New York, already on EDT
      '2026-03-29T02:15:00.000Z', // Kathmandu, +5:45
      '2026-03-29T21:00:00.000Z', // Lord Howe, +11 until April: 08:00 on the 30th, its second in the window
      '2026-03-29T08:00:00.000Z',
    ]);
  });

  it('answer each schedule for itself: another time, interval, end or start, asked for the same days', () => {
    const window = [at('2026-06-01T00:00Z'), at('2026-06-06T23:59Z')] as const;
    const doses = (schedule: Schedule) => iso(occurrencesBetween(schedule, 'Europe/Berlin', ...window));
    expect(doses(daily())).toHaveLength(6);
    expect(doses(daily({ timeOfDay: '20:00' }))[0]).toBe('2026-06-01T18:00:00.000Z');
    expect(doses(daily({ intervalDays: 2 }))).toHaveLength(3);
    expect(doses(daily({ endDate: '2026-06-03' }))).toHaveLength(3);
    expect(doses(daily({ startDate: '2026-06-05' }))).toHaveLength(2);
    // A later `now` within the same days: the same doses, cut at it.
    expect(iso(occurrencesBetween(daily(), 'Europe/Berlin', at('2026-06-01T06:30Z'), window[1]))).toHaveLength(5);
    expect(doses(daily())).toHaveLength(6);
  });
});

describe('times that do not exist or happen twice', () => {
  it('02:30 on a spring-forward day is shifted forward by the gap (03:30 CEST), and 02:30 again after', () => {
    const doses = occurrencesBetween(
      daily({ timeOfDay: '02:30' }),
      'Europe/Berlin',
      at('2026-03-28T00:00Z'),
      at('2026-03-31T00:00Z'),
    );
    expect(local(doses, 'Europe/Berlin')).toEqual([
      '2026-03-28T02:30+01:00',
      '2026-03-29T03:30+02:00',
      '2026-03-30T02:30+02:00',
    ]);
  });

  it("Lord Howe's skipped half hour: 02:15 on 4 October 2026 is 02:45", () => {
    const doses = occurrencesBetween(
      daily({ timeOfDay: '02:15' }),
      'Australia/Lord_Howe',
      at('2026-10-03T00:00Z'),
      at('2026-10-04T00:00Z'),
    );
    expect(local(doses, 'Australia/Lord_Howe')).toEqual(['2026-10-04T02:45+11:00']);
  });

  it('02:30 on a fall-back day (it happens twice) is the first of the two', () => {
    const doses = occurrencesBetween(
      daily({ timeOfDay: '02:30' }),
      'Europe/Berlin',
      at('2026-10-24T23:00Z'),
      at('2026-10-25T12:00Z'),
    );
    expect(iso(doses)).toEqual(['2026-10-25T00:30:00.000Z']);
  });
});

describe('kinds of schedule', () => {
  it('weekly on Monday and Thursday, from a Wednesday', () => {
    const weekly: Schedule = {
      ...daily(),
      kind: 'weekly',
      intervalDays: null,
      weekdays: ['MO', 'TH'],
      startDate: '2026-03-25',
    };
    const doses = occurrencesBetween(weekly, 'Europe/Berlin', at('2026-03-01T00:00Z'), at('2026-04-07T00:00Z'));
    expect(local(doses, 'Europe/Berlin')).toEqual([
      '2026-03-26T08:00+01:00',
      '2026-03-30T08:00+02:00',
      '2026-04-02T08:00+02:00',
      '2026-04-06T08:00+02:00',
    ]);
  });

  it('every 3 days, also years after the start', () => {
    const every3 = daily({ intervalDays: 3 });
    const first = occurrencesBetween(every3, 'UTC', at('2026-01-01T00:00Z'), at('2026-01-11T00:00Z'));
    expect(iso(first)).toEqual([
      '2026-01-01T08:00:00.000Z',
      '2026-01-04T08:00:00.000Z',
      '2026-01-07T08:00:00.000Z',
      '2026-01-10T08:00:00.000Z',
    ]);
    // 2030-01-01 is 1461 days on: 487 intervals exactly, so a dose day.
    const later = occurrencesBetween(every3, 'UTC', at('2029-12-30T00:00Z'), at('2030-01-05T00:00Z'));
    expect(iso(later)).toEqual(['2030-01-01T08:00:00.000Z', '2030-01-04T08:00:00.000Z']);
  });

  it('monthly from the 31st takes the last day of shorter months (February 29 in a leap year)', () => {
    const monthly: Schedule = { ...daily(), kind: 'monthly', intervalDays: null, startDate: '2027-10-31' };
    const doses = occurrencesBetween(monthly, 'Europe/Berlin', at('2027-10-01T00:00Z'), at('2028-05-01T00:00Z'));
    expect(local(doses, 'Europe/Berlin').map((value) => value.slice(0, 16))).toEqual([
      '2027-10-31T08:00',
      '2027-11-30T08:00',
      '2027-12-31T08:00',
      '2028-01-31T08:00',
      '2028-02-29T08:00',
      '2028-03-31T08:00',
      '2028-04-30T08:00',
    ]);
  });

  it('monthly from the 30th keeps the 30th and takes February 28', () => {
    const monthly: Schedule = { ...daily(), kind: 'monthly', intervalDays: null, startDate: '2026-01-30' };
    const doses = occurrencesBetween(monthly, 'UTC', at('2026-01-01T00:00Z'), at('2026-04-01T00:00Z'));
    expect(iso(doses).map((value) => value.slice(0, 10))).toEqual(['2026-01-30', '2026-02-28', '2026-03-30']);
  });

  it('monthly from the 15th', () => {
    const monthly: Schedule = { ...daily(), kind: 'monthly', intervalDays: null, startDate: '2026-01-15' };
    const doses = occurrencesBetween(monthly, 'UTC', at('2026-05-01T00:00Z'), at('2026-07-01T00:00Z'));
    expect(iso(doses).map((value) => value.slice(0, 10))).toEqual(['2026-05-15', '2026-06-15']);
  });

  it('once: the start date at its time, and nothing after', () => {
    const once: Schedule = { ...daily(), kind: 'once', intervalDays: null, startDate: '2026-06-01', endDate: null };
    expect(iso(occurrencesBetween(once, 'Asia/Kathmandu', at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z')))).toEqual([
      '2026-06-01T02:15:00.000Z',
    ]);
    expect(firstOccurrenceAfter(once, 'Asia/Kathmandu', at('2026-06-01T02:15Z'))).toBeNull();
  });

  it('an end date is the last day with a dose', () => {
    const short = daily({ startDate: '2026-03-01', endDate: '2026-03-03' });
    const doses = occurrencesBetween(short, 'America/New_York', at('2026-02-01T00:00Z'), at('2026-04-01T00:00Z'));
    expect(local(doses, 'America/New_York').map((value) => value.slice(0, 10))).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
    expect(firstOccurrenceAfter(short, 'America/New_York', doses[2]!)).toBeNull();
  });
});

describe('a change of the account’s time zone', () => {
  it('moves every dose to 08:00 in the new zone', () => {
    const berlin = occurrencesBetween(daily(), 'Europe/Berlin', at('2026-07-01T00:00Z'), at('2026-07-02T23:59Z'));
    const newYork = occurrencesBetween(daily(), 'America/New_York', at('2026-07-01T00:00Z'), at('2026-07-02T23:59Z'));
    expect(iso(berlin)).toEqual(['2026-07-01T06:00:00.000Z', '2026-07-02T06:00:00.000Z']);
    expect(iso(newYork)).toEqual(['2026-07-01T12:00:00.000Z', '2026-07-02T12:00:00.000Z']);
    expect(isOccurrence(daily(), 'America/New_York', berlin[0]!)).toBe(false);
  });
});

describe('the dose that is due', () => {
  const zone = 'Europe/Berlin';
  const schedule = daily({ startDate: '2026-12-01' });

  it('before the day’s time: the latest past dose when it is not recorded (overdue)', () => {
    expect(pendingDose(schedule, zone, at('2026-12-07T06:00Z'), null)?.toISOString()).toBe('2026-12-06T07:00:00.000Z');
  });

  it('after the latest is recorded: the next one', () => {
    const next = pendingDose(schedule, zone, at('2026-12-07T06:00Z'), at('2026-12-06T07:00Z'));
    expect(next?.toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('a dose given early (today’s, before its time) moves on to tomorrow', () => {
    const next = pendingDose(schedule, zone, at('2026-12-07T06:30Z'), at('2026-12-07T07:00Z'));
    expect(next?.toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('before the start: the first dose; after the end with the last recorded: none', () => {
    expect(pendingDose(schedule, zone, at('2026-11-20T00:00Z'), null)?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    const ended = daily({ startDate: '2026-12-01', endDate: '2026-12-02' });
    expect(pendingDose(ended, zone, at('2026-12-10T00:00Z'), at('2026-12-02T07:00Z'))).toBeNull();
    expect(latestOccurrenceAtOrBefore(ended, zone, at('2026-12-10T00:00Z'))?.toISOString()).toBe(
      '2026-12-02T07:00:00.000Z',
    );
  });

  it('is a real occurrence, and an instant between doses is not', () => {
    expect(isOccurrence(schedule, zone, at('2026-12-05T07:00Z'))).toBe(true);
    expect(isOccurrence(schedule, zone, at('2026-12-05T07:01Z'))).toBe(false);
    expect(isOccurrence(schedule, zone, at('2026-11-30T07:00Z'))).toBe(false);
  });
});

describe('RFC 5545 text and words', () => {
  it('gives DTSTART with the zone and the RRULE, UNTIL in UTC', () => {
    const weekly: Schedule = {
      ...daily(),
      kind: 'weekly',
      intervalDays: null,
      weekdays: ['MO', 'TH'],
      startDate: '2026-03-25',
      endDate: '2026-06-30',
    };
    expect(scheduleToICalendar(weekly, 'Europe/Berlin')).toBe(
      'DTSTART;TZID=Europe/Berlin:20260325T080000\nRRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,TH;UNTIL=20260630T060000Z',
    );
    expect(scheduleToICalendar(daily({ intervalDays: 3 }), 'UTC')).toBe(
      'DTSTART;TZID=UTC:20260101T080000\nRRULE:FREQ=DAILY;INTERVAL=3',
    );
    const monthly: Schedule = { ...daily(), kind: 'monthly', intervalDays: null, startDate: '2026-01-31' };
    expect(scheduleToICalendar(monthly, 'UTC')).toBe(
      'DTSTART;TZID=UTC:20260131T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
    );
    const once: Schedule = { ...daily(), kind: 'once', intervalDays: null };
    expect(scheduleToICalendar(once, 'UTC')).toBe('DTSTART;TZID=UTC:20260101T080000\nRRULE:FREQ=DAILY;COUNT=1');
  });

  it('describes schedules and dose times in words', () => {
    expect(describeSchedule(daily())).toBe('Every day at 08:00');
    expect(describeSchedule(daily({ intervalDays: 3 }))).toBe('Every 3 days at 08:00');
    expect(describeSchedule({ ...daily(), kind: 'weekly', weekdays: ['MO', 'TH'] })).toBe(
      'Every week on Monday and Thursday at 08:00',
    );
    expect(describeSchedule({ ...daily(), kind: 'monthly', startDate: '2026-01-31' })).toBe(
      'Every month on day 31 (the last day in shorter months) at 08:00',
    );
    const now = at('2026-12-07T10:00Z');
    expect(formatDoseTime(at('2026-12-07T07:00Z'), 'Europe/Berlin', now)).toBe('today 08:00');
    expect(formatDoseTime(at('2026-12-08T07:00Z'), 'Europe/Berlin', now)).toBe('tomorrow 08:00');
    expect(formatDoseTime(at('2026-12-10T07:00Z'), 'Europe/Berlin', now)).toBe('Thu 10 Dec 2026, 08:00');
  });
});
