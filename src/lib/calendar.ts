// An iCalendar document (RFC 5545) from the app's calendar events: the care dates of a person's
// pets, for their calendar feed (ADR 0034). Timed events are written in the account's zone with
// its VTIMEZONE, so a daily 08:00 dose stays at 08:00 local across daylight-saving changes.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block as vtimezoneOf } from 'timezones-ical-library';

type EventBase = {
  /** Stable across renders of the feed, so a calendar app updates an event instead of adding one. */
  uid: string;
  summary: string;
  description?: string;
  /** The page of the pet or record, absolute. */
  url?: string;
  /** An RFC 5545 RRULE value (without "RRULE:"), for a repeating event. */
  repeat?: string;
};

export type CalendarEvent =
  | (EventBase & { allDay: true; /** YYYY-MM-DD */ date: string })
  | (EventBase & {
      allDay: false;
      /** The first occurrence, as a wall-clock date and time in the calendar's zone. */
      date: string;
      /** HH:MM */
      time: string;
      durationMinutes: number;
    });

export type CalendarDocument = {
  name: string;
  timeZone: string;
  events: CalendarEvent[];
  productId: { company: string; product: string };
};

/**
 * The zone's name as the VTIMEZONE library spells it (it follows the current IANA names: the
 * runtime's "Asia/Katmandu" is its "Asia/Kathmandu"), so TZID and VTIMEZONE always match.
 */
function calendarZone(timeZone: string): string {
  const [, tzid] = vtimezoneOf(timeZone);
  return tzid?.startsWith('TZID=') ? tzid.slice('TZID='.length) : timeZone;
}

function vtimezone(zone: string): string | null {
  return vtimezoneOf(zone)[0] ?? null;
}

function wallClock(date: string, time: string, timeZone: string): DateTime {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
}

export function renderCalendar({ name, timeZone, events, productId }: CalendarDocument): string {
  const zone = calendarZone(timeZone);
  const calendar = ical({
    name,
    prodId: productId,
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: with one, the library writes DTSTAMP in the machine's local time.
    // Each timed event names the zone instead, and the generator adds its VTIMEZONE once.
    timezone: { name: null, generator: vtimezone },
  });
  for (const event of events) {
    const common = {
      id: event.uid,
      summary: event.summary,
      description: event.description,
      url: event.url,
      repeating: event.repeat ? `RRULE:${event.repeat}` : undefined,
    };
    if (event.allDay) {
      // A date, not an instant: built in UTC so no zone can move it to the day before.
      const day = DateTime.fromISO(event.date, { zone: 'utc' });
      calendar.createEvent({ ...common, start: day, allDay: true, timezone: null });
      continue;
    }
    const start = wallClock(event.date, event.time, zone);
    calendar.createEvent({
      ...common,
      start,
      end: start.plus({ minutes: event.durationMinutes }),
      timezone: zone,
    });
  }
  return calendar.toString();
}
