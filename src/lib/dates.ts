// Calendar dates (YYYY-MM-DD) without time zones: a birthday is a day, not an instant, so it is
// never converted through Date in local time (which would shift it by a day in some zones).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True if `value` is YYYY-MM-DD and names a real day (2023-02-30 is not). */
export function isRealCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting
 * with one (a CPU profile of /pets under load had it at ~1 %). Only valid zones get here: an
 * unknown one throws before it is stored, so there are at most a few hundred. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in an IANA time zone, as YYYY-MM-DD (en-CA formats dates that way). */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** The latest calendar date anywhere on Earth right now (UTC+14). */
export function latestTodayOnEarth(now = new Date()): string {
  return todayIn('Pacific/Kiritimati', now);
}

/** `timeZone` if the runtime knows it, otherwise undefined. */
export function knownTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone || timeZone.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** One long-date formatter per locale: a list of records formats dates by the dozen (see dayFormats). */
const longDateFormats = new Map<string, Intl.DateTimeFormat>();

/** "12 March 2021" for a YYYY-MM-DD date, with no time-zone shift. */
export function formatCalendarDate(value: string, locale = 'en-GB'): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  let format = longDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
    longDateFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/** A pet's age in words ("3 years", "5 months", "12 days", "Born today") on the date `today`. */
export function ageInWords(birthday: string, today: string): string {
  const [by, bm, bd] = birthday.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let months = (ty - by) * 12 + (tm - bm);
  if (td < bd) months -= 1;
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (months >= 24) return plural(Math.floor(months / 12), 'year');
  if (months >= 12) {
    const rest = months - 12;
    return rest > 0 ? `1 year, ${plural(rest, 'month')}` : '1 year';
  }
  if (months >= 1) return plural(months, 'month');
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(by, bm - 1, bd)) / 86_400_000);
  if (days <= 0) return 'Born today';
  return plural(days, 'day');
}

const shortDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "3 Jan 2026" for a YYYY-MM-DD date, with no time-zone shift: where space is short (charts, summaries). */
export function formatShortCalendarDate(value: string): string {
  return shortDateFormat.format(calendarDateAsUtc(value));
}

/** Midnight UTC of a YYYY-MM-DD date: the instant that stands for the day in UTC-only arithmetic. */
export function calendarDateAsUtc(value: string): Date {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** `value` (YYYY-MM-DD) plus whole days (negative: earlier), as YYYY-MM-DD. */
export function addDays(value: string, days: number): string {
  const date = calendarDateAsUtc(value);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
