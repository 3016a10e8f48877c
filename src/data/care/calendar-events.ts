// The dates of the caller's pets that belong in their calendar: each pet's birthday, every year.
// (Care records add their due dates and schedules here.) Read inside a transaction as the user.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import type { CalendarEvent } from '@/lib/calendar';

/** "Every year on this day"; a 29 February birthday falls on the last day of February. */
function yearlyOn(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return month === 2 && day === 29 ? 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1' : 'FREQ=YEARLY';
}

export async function careCalendarEvents(tx: Transaction, userId: string, appUrl: string): Promise<CalendarEvent[]> {
  const rows = await tx
    .select({ id: pets.id, name: pets.name, birthday: pets.birthday })
    .from(pets)
    .where(eq(pets.userId, userId));
  return rows.map((pet) => ({
    uid: `birthday-${pet.id}@pawprint`,
    allDay: true,
    date: pet.birthday,
    repeat: yearlyOn(pet.birthday),
    summary: `${pet.name}'s birthday`,
    url: `${appUrl}/pets/${pet.id}`,
  }));
}
