// Medication schedules (ADR 0030, ADR 0031): the recurrence is RFC 5545's, computed by `rrule` on
// floating local date-times (no zone), and each occurrence is then placed in the account's IANA
// time zone with luxon's zone data — a daily 08:00 dose stays 08:00 local across a DST change.
import { IANAZone } from 'luxon';
import { todayIn } from './dates';
import { WEEKDAYS, WEEKDAY_NAMES, type Schedule } from './medication-kinds';
import { RRule, type RRuleOptions } from './rrule';

export { MAX_INTERVAL_DAYS, WEEKDAY_NAMES, WEEKDAYS, type Schedule, type Weekday } from './medication-kinds';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A local date and time as a "floating" Date: its UTC fields are the wall-clock fields. */
function floating(date: string, timeOfDay: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = timeOfDay.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

function floatingDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * The instant at which a zone's clocks show the floating wall time (RFC 5545 §3.3.5 rules): a time
 * that happens twice (clocks going back) is its first occurrence; a time that never happens (the
 * hour skipped going forward) is read with the offset before the change, so it moves forward by
 * the gap (02:30 on Berlin's spring-forward day is 03:30 CEST; Lord Howe's 02:15 is 02:45).
 */
export function wallTimeToInstant(wall: Date, timeZone: string): Date {
  const at = wall.getTime();
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = offsetAt(timeZone, at - DAY);
  const after = offsetAt(timeZone, at + DAY);
  const valid = [before, after]
    .map((offset) => ({ offset, instant: at - offset * MINUTE }))
    .filter(({ offset, instant }) => offsetAt(timeZone, instant) === offset)
    .map(({ instant }) => instant);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(at - before * MINUTE);
}

/** The wall time a zone's clocks show at an instant, as a floating Date. */
export function instantToWallTime(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + offsetAt(timeZone, instant.getTime()) * MINUTE);
}

/** Offsets kept, by zone and UTC hour; dropped all at once when there are this many. */
const MAX_KEPT_OFFSETS = 50_000;
const HOUR = 3_600_000;
/** A zone's offset through a whole UTC hour, or null for an hour in which it changes. */
const keptOffsets = new Map<string, number | null>();

/**
 * A zone's offset from UTC in minutes at an instant. Luxon asks Intl for each one (a formatToParts,
 * about half of a schedule walk's time), and every page asks again for the same few days' doses
 * around its own `now`, so the offset of each UTC hour is kept: when it is the same at the hour's
 * first and last millisecond it holds all through it (no zone changes its offset twice within an
 * hour); an hour with a change is answered exactly each time.
 */
function offsetAt(timeZone: string, instant: number): number {
  const hour = Math.floor(instant / HOUR) * HOUR;
  const throughHour = kept(keptOffsets, MAX_KEPT_OFFSETS, `${timeZone} ${hour}`, () => {
    const zone = IANAZone.create(timeZone);
    const first = zone.offset(hour);
    return first === zone.offset(hour + HOUR - 1) ? first : null;
  });
  return throughHour ?? IANAZone.create(timeZone).offset(instant);
}

/** `compute()`'s answer for `key`, kept in `map`, which is dropped whole once it holds `max` of them. */
function kept<T>(map: Map<string, T>, max: number, key: string, compute: () => T): T {
  if (map.has(key)) return map.get(key) as T;
  if (map.size >= max) map.clear();
  const value = compute();
  map.set(key, value);
  return value;
}

/** The rule's parts beyond its start: what repeats, and until when. */
function recurrence(schedule: Schedule): Partial<RRuleOptions> {
  switch (schedule.kind) {
    case 'once':
      return { freq: RRule.DAILY, count: 1 };
    case 'every-n-days':
      return { freq: RRule.DAILY, interval: schedule.intervalDays ?? 1 };
    case 'weekly':
      return { freq: RRule.WEEKLY, wkst: RRule.MO, byweekday: schedule.weekdays.map((day) => WEEKDAYS.indexOf(day)) };
    case 'monthly':
      return monthlyOn(Number(schedule.startDate.slice(8, 10)));
  }
}

/**
 * Monthly on the start date's day. From the 29th on, a month without that day takes its last day:
 * BYMONTHDAY=28..day with BYSETPOS=-1 is "the latest of those days the month has" (the 31st: 31,
 * 30, 29 or 28; the 30th: 30 except February's last), all RFC 5545, so a calendar app agrees.
 */
function monthlyOn(day: number): Partial<RRuleOptions> {
  if (day <= 28) return { freq: RRule.MONTHLY, bymonthday: [day] };
  const days = Array.from({ length: day - 27 }, (_, index) => 28 + index);
  return { freq: RRule.MONTHLY, bymonthday: days, bysetpos: [-1] };
}

/** How many days always hold at least one occurrence of an ongoing schedule. */
function longestGapDays(schedule: Schedule): number {
  if (schedule.kind === 'every-n-days') return schedule.intervalDays ?? 1;
  return schedule.kind === 'weekly' ? 7 : 31;
}

/**
 * The rule on floating time, started at the latest occurrence-aligned point not after `from`: rrule
 * walks every occurrence from its start, so a daily schedule begun years ago would otherwise cost
 * thousands of steps per look-up. Weekly and monthly rules name their days explicitly, so any later
 * start keeps the same occurrences; an every-N-days rule starts a whole number of intervals on.
 */
function floatingRule(schedule: Schedule, from: Date | null): RRule {
  let startDate = schedule.startDate;
  const fromDate = from ? floatingDate(from) : null;
  if (schedule.kind !== 'once' && fromDate && fromDate > startDate) {
    if (schedule.kind === 'every-n-days') {
      // Floating dates are UTC midnights: whole days apart, whatever the zone.
      const interval = schedule.intervalDays ?? 1;
      const start = Date.parse(startDate);
      const elapsed = Math.floor((Date.parse(fromDate) - start) / DAY);
      startDate = floatingDate(new Date(start + Math.floor(elapsed / interval) * interval * DAY));
    } else {
      startDate = fromDate;
    }
  }
  const until = schedule.kind !== 'once' && schedule.endDate ? floating(schedule.endDate, '23:59') : null;
  return new RRule({ ...recurrence(schedule), dtstart: floating(startDate, schedule.timeOfDay), until });
}

/** At most this many occurrences per look-up: a page never asks for more than a few. */
const MAX_OCCURRENCES = 1000;

/** The doses from `from` to `to` (both inclusive), as instants, in time order. */
export function occurrencesBetween(schedule: Schedule, timeZone: string, from: Date, to: Date): Date[] {
  // Wall times differ from instants by at most a day: look from the local day before to the day
  // after, then keep what fits.
  const firstDay = Math.floor(instantToWallTime(from, timeZone).getTime() / DAY) * DAY - DAY;
  const lastDay = Math.floor(instantToWallTime(to, timeZone).getTime() / DAY) * DAY + DAY;
  return dosesOfDays(schedule, timeZone, firstDay, lastDay)
    .filter((instant) => instant >= from.getTime() && instant <= to.getTime())
    .map((instant) => new Date(instant));
}

/** Dose lists kept, by schedule, zone and days; dropped all at once when there are this many. */
const MAX_KEPT_DOSE_LISTS = 10_000;
const keptDoseLists = new Map<string, number[]>();

/**
 * The doses (instants, in ms) of whole local days, `firstDay` 00:00 to `lastDay` 23:59 (floating
 * midnights). Walking the rule is most of a page's schedule work (rrule rebuilds its year tables on
 * every walk), and pages ask for the same days again and again with a `now` a little later, so the
 * lists are kept: they depend on nothing but the schedule, the zone and the days.
 */
function dosesOfDays(schedule: Schedule, timeZone: string, firstDay: number, lastDay: number): number[] {
  const { kind, intervalDays, weekdays, startDate, endDate, timeOfDay } = schedule;
  const key = [kind, intervalDays, weekdays.join(','), startDate, endDate, timeOfDay, timeZone, firstDay, lastDay].join(
    ' ',
  );
  return kept(keptDoseLists, MAX_KEPT_DOSE_LISTS, key, () => {
    const wallFrom = new Date(firstDay);
    const wallTo = new Date(lastDay + DAY - 1);
    return floatingRule(schedule, wallFrom)
      .between(wallFrom, wallTo, true, (_, index) => index < MAX_OCCURRENCES)
      .map((wall) => wallTimeToInstant(wall, timeZone).getTime());
  });
}

/** The instant of a schedule's first possible dose (a single dose's only one). */
function firstDoseInstant(schedule: Schedule, timeZone: string): Date {
  return wallTimeToInstant(floating(schedule.startDate, schedule.timeOfDay), timeZone);
}

/** The latest dose at or before `instant`, or null. */
export function latestOccurrenceAtOrBefore(schedule: Schedule, timeZone: string, instant: Date): Date | null {
  if (schedule.kind === 'once') {
    const only = firstDoseInstant(schedule, timeZone);
    return only.getTime() <= instant.getTime() ? only : null;
  }
  // After an end date, the last dose is the one on or before it: look back from there.
  const end = schedule.endDate ? wallTimeToInstant(floating(schedule.endDate, '23:59'), timeZone) : instant;
  const to = new Date(Math.min(instant.getTime(), end.getTime()));
  const from = new Date(to.getTime() - (longestGapDays(schedule) + 2) * DAY);
  return occurrencesBetween(schedule, timeZone, from, to).at(-1) ?? null;
}

/** The first dose strictly after `instant`, or null (the schedule ended). */
export function firstOccurrenceAfter(schedule: Schedule, timeZone: string, instant: Date): Date | null {
  const start = firstDoseInstant(schedule, timeZone);
  if (schedule.kind === 'once') return start.getTime() > instant.getTime() ? start : null;
  // Before the schedule starts, look from its start: the first dose is within one gap of it.
  const from = new Date(Math.max(instant.getTime() + 1, start.getTime()));
  const to = new Date(from.getTime() + (longestGapDays(schedule) + 2) * DAY);
  return occurrencesBetween(schedule, timeZone, from, to)[0] ?? null;
}

/** Whether `instant` is exactly one of the schedule's doses. */
export function isOccurrence(schedule: Schedule, timeZone: string, instant: Date): boolean {
  return occurrencesBetween(schedule, timeZone, instant, instant).length === 1;
}

/**
 * The dose to give next: the latest dose due by `now` unless it (or a later one) is recorded,
 * otherwise the first after both `now` and the latest recorded dose. Older unrecorded doses are
 * missed, not owed: a person who forgot yesterday's tablet gives today's. Null once the schedule
 * has ended and its last dose is recorded.
 */
export function pendingDose(schedule: Schedule, timeZone: string, now: Date, latestRecorded: Date | null): Date | null {
  const due = latestOccurrenceAtOrBefore(schedule, timeZone, now);
  if (due && (!latestRecorded || latestRecorded.getTime() < due.getTime())) return due;
  const after = latestRecorded && latestRecorded.getTime() > now.getTime() ? latestRecorded : now;
  return firstOccurrenceAfter(schedule, timeZone, after);
}

/**
 * The dose the pages show as next: the pending dose, or none once the schedule's last day is before
 * `today` (its final dose, recorded or not, is history then). The pet page, a medication's page and
 * the due items (Upcoming, badges, reminders) all ask this, so they never disagree.
 */
export function shownDose(schedule: Schedule, timeZone: string, now: Date, latestRecorded: Date | null): Date | null {
  return isFinished(schedule, todayIn(timeZone, now)) ? null : pendingDose(schedule, timeZone, now, latestRecorded);
}

/** Whether the schedule's last day (a single dose's own day) is before `today` (YYYY-MM-DD). */
export function isFinished(schedule: Schedule, today: string): boolean {
  const last = lastScheduledDate(schedule);
  return last !== null && last < today;
}

/** `YYYYMMDDTHHMMSS` of a floating Date (RFC 5545 DATE-TIME, without the Z). */
function icalDateTime(wall: Date): string {
  return wall.toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/**
 * The schedule as RFC 5545 lines for a calendar feed: `DTSTART;TZID=<zone>:<local start>` and its
 * RRULE. UNTIL is in UTC, as RFC 5545 requires with a zoned DTSTART: the instant of the end date's
 * dose (the last one it allows).
 */
export function scheduleToICalendar(schedule: Schedule, timeZone: string): string {
  const start = floating(schedule.startDate, schedule.timeOfDay);
  const until =
    schedule.kind !== 'once' && schedule.endDate
      ? wallTimeToInstant(floating(schedule.endDate, schedule.timeOfDay), timeZone)
      : null;
  const rule = new RRule({ ...recurrence(schedule), until }).toString();
  return `DTSTART;TZID=${timeZone}:${icalDateTime(start)}\n${rule}`;
}

/** The effective last day of a schedule (a single dose's own day), or null when open-ended. */
export function lastScheduledDate(schedule: Schedule): string | null {
  return schedule.kind === 'once' ? schedule.startDate : schedule.endDate;
}

/** "Every day at 08:00", "Every 3 days at 08:00", "Mondays and Thursdays at 08:00", … */
export function describeSchedule(schedule: Schedule): string {
  const at = `at ${schedule.timeOfDay}`;
  switch (schedule.kind) {
    case 'once':
      return `Once, ${at}`;
    case 'every-n-days':
      return schedule.intervalDays === 1 ? `Every day ${at}` : `Every ${schedule.intervalDays} days ${at}`;
    case 'weekly':
      return `Every week on ${listInWords(schedule.weekdays.map((day) => WEEKDAY_NAMES[day]))} ${at}`;
    case 'monthly': {
      const day = Number(schedule.startDate.slice(8, 10));
      const shorter = day > 28 ? ' (the last day in shorter months)' : '';
      return `Every month on day ${day}${shorter} ${at}`;
    }
  }
}

function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A dose's time for a person in `timeZone`: "today 08:00", "tomorrow 08:00", "yesterday 08:00", or
 * "Thu 10 Dec 2026, 08:00".
 */
export function formatDoseTime(instant: Date, timeZone: string, now: Date): string {
  const wall = instantToWallTime(instant, timeZone);
  const day = dayInWords(floatingDate(wall), todayIn(timeZone, now));
  const time = wall.toISOString().slice(11, 16);
  // A date in full is set off from the time by a comma; a word ("today") is not.
  return day.includes(' ') ? `${day}, ${time}` : `${day} ${time}`;
}

/** A local day (YYYY-MM-DD) as a person reads it on `today`: "today", "tomorrow", "yesterday", or "Thu 10 Dec 2026". */
export function dayInWords(date: string, today: string): string {
  const days = Math.round((Date.parse(date) - Date.parse(today)) / DAY);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  const parts = Object.fromEntries(
    wordedDayFormat.formatToParts(new Date(`${date}T00:00:00Z`)).map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "Thu", "10", "Dec", "2026" — built once (a formatter per call costs more than the formatting). */
const wordedDayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** The local calendar date of an instant in a zone (YYYY-MM-DD). */
export function localDateOf(instant: Date, timeZone: string): string {
  return floatingDate(instantToWallTime(instant, timeZone));
}
