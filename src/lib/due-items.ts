// How due items read (FR-047, FR-048): the Upcoming page's sections, the badge on a pet's card, and
// an item's day and time in words. Pure, so the pages and the tests share one definition; the
// window is the vaccinations' "due soon" one, so a badge and a vaccine's status say the same.
import { dayInWords, formatDoseTime } from './medication-schedule';
import { daysBetween, DUE_SOON_DAYS, VACCINATION_STATUS_LABELS, type VaccinationStatus } from './vaccinations';

/** The Upcoming view and the badges look this many days ahead of today (the "next 30 days"). */
export const UPCOMING_DAYS = DUE_SOON_DAYS;

/** What the grouping and wording read of an item (DueItem has it all). */
export type DueFacts = { petId: string; due: string; at: string | null; overdue: boolean };

export type DueGroup = 'overdue' | 'today' | 'week' | 'later';

export const DUE_GROUP_TITLES: Record<DueGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  week: 'Next 7 days',
  later: 'Later',
};

const GROUP_ORDER: readonly DueGroup[] = ['overdue', 'today', 'week', 'later'];

/** Overdue first whatever its date; then today, the 7 days after it, and the rest of the window. */
export function dueGroupOf(item: DueFacts, today: string): DueGroup {
  if (item.overdue) return 'overdue';
  const days = daysBetween(today, item.due);
  if (days <= 0) return 'today';
  return days <= 7 ? 'week' : 'later';
}

/** The non-empty groups in order, each keeping the items' order (soonest first). */
export function groupDueItems<T extends DueFacts>(
  items: readonly T[],
  today: string,
): { group: DueGroup; items: T[] }[] {
  return GROUP_ORDER.map((group) => ({
    group,
    items: items.filter((item) => dueGroupOf(item, today) === group),
  })).filter((entry) => entry.items.length > 0);
}

export type DueBadge = Exclude<VaccinationStatus, 'up-to-date'>;

/** The words on a badge: a vaccine's status words, so "Due soon" means one thing across the app. */
export const DUE_BADGE_LABELS: Record<DueBadge, string> = {
  overdue: VACCINATION_STATUS_LABELS.overdue,
  'due-soon': VACCINATION_STATUS_LABELS['due-soon'],
};

/** Each pet's badge from its items in the window: "Overdue" if any item is, else "Due soon". */
export function dueBadges(items: readonly DueFacts[]): Map<string, DueBadge> {
  const badges = new Map<string, DueBadge>();
  for (const item of items)
    if (item.overdue || !badges.has(item.petId)) badges.set(item.petId, item.overdue ? 'overdue' : 'due-soon');
  return badges;
}

/** "today 08:00", "tomorrow", "Thu 10 Dec 2026": a dose with its local time, a whole-day item by its day. */
export function dueWhen(item: DueFacts, timeZone: string, today: string, now: Date): string {
  return item.at ? formatDoseTime(new Date(item.at), timeZone, now) : dayInWords(item.due, today);
}
