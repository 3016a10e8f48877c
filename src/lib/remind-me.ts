// The "Remind me" lead time of a care record (ADR 0037): its choices and how the select shows them.
// Plain values without dependencies: the care forms load this in the browser.

/** Days before an item is due that its reminders start; absent (null) means no reminder for it. */
export const REMIND_DAYS_BEFORE = [0, 1, 3, 7, 14] as const;
export type RemindDaysBefore = (typeof REMIND_DAYS_BEFORE)[number];

/** A new record's "Remind me" choice: the digest lists it on the day it is due. */
export const DEFAULT_REMIND_ME = '0';

/** What the "Remind me" select says for each choice ('' is none). Shown in the object's order: its
 * integer-like keys first, ascending, then '' — the nearest lead time first, no reminder last. */
export const REMIND_ME_LABELS: Record<'' | `${RemindDaysBefore}`, string> = {
  '': 'No reminder',
  '0': 'On the day',
  '1': '1 day before',
  '3': '3 days before',
  '7': '7 days before',
  '14': '14 days before',
};

/** A stored lead time as the "Remind me" select's value ('' for none). */
export function remindMeValue(remindDaysBefore: number | null): string {
  return remindDaysBefore === null ? '' : String(remindDaysBefore);
}
