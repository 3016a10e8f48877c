// The calendar feed's document for one account: its pets' care dates in its own time zone.
import 'server-only';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { renderCalendar } from '@/lib/calendar';
import { env } from '@/lib/env';
import { careCalendarEvents } from '../care/calendar-events';
import { preferencesIn } from '../preferences';

/** `ownerId` comes from calendarFeedOwner (the token's account); everything is read as that account. */
export async function calendarFeedDocument(ownerId: string): Promise<string> {
  const { appUrl } = env();
  const { timeZone, events } = await withUser(db(), ownerId, async (tx) => ({
    timeZone: (await preferencesIn(tx, ownerId)).timeZone,
    events: await careCalendarEvents(tx, ownerId, appUrl),
  }));
  return renderCalendar({
    name: "Pawprint: my pets' care",
    productId: { company: 'Pawprint', product: 'Care calendar' },
    timeZone,
    events,
  });
}
