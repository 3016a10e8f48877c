// Email reminders (ADR 0037): when a person's daily digest is next due, and whether a day's digest
// lists an item given its record's lead time (the choices: remind-me.ts). The digest's local time is
// placed in the person's zone exactly as a medication dose's is (wallTimeToInstant, ADR 0030): 08:00
// stays 08:00 local across DST changes, a time a change skips moves forward by the gap, a repeated one
// is its first.
import { addDays } from './dates';
import { localDateOf, wallTimeToInstant } from './medication-schedule';
import { daysBetween } from './vaccinations';

/** The digest's default local time. */
export const DEFAULT_REMINDER_TIME = '08:00';

/** The instant `timeZone`'s clocks show `reminderTime` on the local `date` (ADR 0030's placement rule). */
function digestInstant(date: string, reminderTime: string, timeZone: string): Date {
  return wallTimeToInstant(new Date(`${date}T${reminderTime.slice(0, 5)}:00Z`), timeZone);
}

/**
 * The first instant after `now` at which `timeZone`'s clocks show `reminderTime` (HH:MM): today's, or
 * tomorrow's once today's has passed. Computed directly, not through the recurrence engine: the scan
 * places thousands a second.
 */
export function nextDigestAt(reminderTime: string, timeZone: string, now: Date): Date {
  const today = localDateOf(now, timeZone);
  const todays = digestInstant(today, reminderTime, timeZone);
  return todays.getTime() > now.getTime() ? todays : digestInstant(addDays(today, 1), reminderTime, timeZone);
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
