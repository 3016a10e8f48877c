// What a daily reminder digest says (ADR 0037): how many things are due for which pets, then one line
// per item — what, for which pet, when — each linking to where the record is shown, and the one-click
// unsubscribe link (also in its List-Unsubscribe header). Composed with composeMail like every message.
import 'server-only';
import { daysBetween } from '@/lib/vaccinations';
import { formatShortCalendarDate } from '@/lib/dates';
import { APP_NAME, composeMail, type MailMessage } from './message';

export type DigestEntry = {
  petName: string;
  title: string;
  /** YYYY-MM-DD, local. */
  due: string;
  /** HH:MM for a dose, else null. */
  time: string | null;
  overdue: boolean;
  /** Path on the app. */
  href: string;
};

function petNames(entries: DigestEntry[]): string {
  const names = [...new Set(entries.map((entry) => entry.petName))];
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more pets`;
}

/** "today", "tomorrow", "in 3 days (Fri 11 Dec)", "overdue since 5 Dec 2026"… relative to the digest's day. */
function whenText(entry: DigestEntry, today: string): string {
  const date = formatShortCalendarDate(entry.due);
  const at = entry.time ? ` at ${entry.time}` : '';
  if (entry.overdue) return `overdue since ${date}${at}`;
  const days = daysBetween(today, entry.due);
  if (days === 0) return `today${at}`;
  if (days === 1) return `tomorrow, ${date}${at}`;
  return `in ${days} days, ${date}${at}`;
}

export function reminderDigestMail(
  to: string,
  today: string,
  entries: DigestEntry[],
  unsubscribePath: string,
): MailMessage {
  const count = entries.length;
  const things = `${count} ${count === 1 ? 'thing' : 'things'}`;
  const allByToday = entries.every((entry) => entry.overdue || entry.due <= today);
  return composeMail({
    to,
    subject: `${APP_NAME}: ${things} due for ${petNames(entries)} ${allByToday ? 'today' : 'soon'}`,
    paragraphs: [
      `Your ${APP_NAME} reminders for ${formatShortCalendarDate(today)}:`,
      'Each link opens the record in Pawprint (you may be asked to sign in).',
    ],
    list: entries.map((entry) => ({
      label: `${entry.petName}: ${entry.title} — ${whenText(entry, today)}`,
      path: entry.href,
    })),
    unsubscribePath,
  });
}
