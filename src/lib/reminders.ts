// Email reminders (ADR 0037): when a person's daily digest is next due, and whether a day's digest
// lists an item given its record's lead time (the choices: remind-me.ts). The digest is a daily schedule at the person's local time in their zone, so it
// is placed exactly as a daily medication dose is (medication-schedule.ts): 08:00 stays 08:00 local
// across DST changes, a time skipped by a change moves forward by the gap, a repeated one is its first.
import { firstOccurrenceAfter, type Schedule } from './medication-schedule';
import { daysBetween } from './vaccinations';

/** The digest's default local time. */
export const DEFAULT_REMINDER_TIME = '08:00';

/** The digest's time as a daily schedule; any past start date gives the same occurrences. */
function dailyAt(reminderTime: string): Schedule {
  return {
    kind: 'every-n-days',
    intervalDays: 1,
    weekdays: [],
    startDate: '2000-01-01',
    endDate: null,
    timeOfDay: reminderTime.slice(0, 5),
  };
}

/** The first instant after `now` at which `timeZone`'s clocks show `reminderTime` (HH:MM). */
export function nextDigestAt(reminderTime: string, timeZone: string, now: Date): Date {
  const next = firstOccurrenceAfter(dailyAt(reminderTime), timeZone, now);
  // A daily schedule without an end always has a next occurrence.
  if (!next) throw new Error('a daily schedule has no next occurrence');
  return next;
}

/**
 * Whether a digest for the local date `today` lists an item due on `due` whose record asks for
 * `remindDaysBefore`: from that many days before, through the due day. Overdue items are decided by the
 * digest (mentioned once more), not here.
 */
export function isInLeadTime(due: string, remindDaysBefore: number | null, today: string): boolean {
  if (remindDaysBefore === null) return false;
  const daysLeft = daysBetween(today, due);
  return daysLeft >= 0 && daysLeft <= remindDaysBefore;
}
