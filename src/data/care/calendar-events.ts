// The dates of the caller's pets that belong in their calendar (ADR 0034): each pet's birthday
// every year, each vaccine's next due date (the latest shot of each vaccine only, as its status
// says), each vet visit, and each medication's schedule at its local time of day. Read inside a
// transaction as the user; the records' policies follow the pets.
import 'server-only';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { medications, pets, vaccinations, vetVisits } from '@/db/schema';
import type { CalendarEvent } from '@/lib/calendar';
import { todayIn } from '@/lib/dates';
import { describeSchedule, scheduleToICalendar } from '@/lib/medication-schedule';
import { vaccinationStatuses } from '@/lib/vaccinations';
import { medicationColumns, scheduleOf } from './medications/records';
import { statusColumns } from './vaccinations';

/** A calendar entry for a dose: long enough to show, short enough not to block a day. */
const DOSE_MINUTES = 15;

/** "Every year on this day"; a 29 February birthday falls on the last day of February. */
function yearlyOn(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return month === 2 && day === 29 ? 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1' : 'FREQ=YEARLY';
}

export async function careCalendarEvents(
  tx: Transaction,
  userId: string,
  context: { appUrl: string; timeZone: string; now?: Date },
): Promise<CalendarEvent[]> {
  const { appUrl, timeZone } = context;
  const ownPets = await tx
    .select({ id: pets.id, name: pets.name, birthday: pets.birthday })
    .from(pets)
    .where(eq(pets.userId, userId));
  if (ownPets.length === 0) return [];
  const petIds = ownPets.map((pet) => pet.id);
  const nameOf = new Map(ownPets.map((pet) => [pet.id, pet.name]));
  const pageOf = (petId: string) => `${appUrl}/pets/${petId}`;

  // One after another: a transaction runs one query at a time anyway (PGlite: strictly).
  const shots = await tx
    .select(statusColumns)
    .from(vaccinations)
    .where(inArray(vaccinations.petId, petIds))
    // Every shot, newest first as vaccinationStatuses reads them: a newer one without a due date
    // supersedes an older one with one.
    .orderBy(desc(vaccinations.givenOn), desc(vaccinations.createdAt), desc(vaccinations.id));
  const visits = await tx
    .select({
      id: vetVisits.id,
      petId: vetVisits.petId,
      visitedOn: vetVisits.visitedOn,
      reason: vetVisits.reason,
      clinic: vetVisits.clinic,
    })
    .from(vetVisits)
    .where(inArray(vetVisits.petId, petIds));
  const treatments = await tx.select(medicationColumns).from(medications).where(inArray(medications.petId, petIds));

  const events: CalendarEvent[] = ownPets.map((pet) => ({
    uid: `birthday-${pet.id}@pawprint`,
    allDay: true,
    date: pet.birthday,
    repeat: yearlyOn(pet.birthday),
    summary: `${pet.name}'s birthday`,
    url: pageOf(pet.id),
  }));

  // Only the shot that decides a vaccine's status has a due date worth a calendar entry.
  const today = todayIn(timeZone, context.now);
  for (const petId of petIds) {
    const ofPet = shots.filter((shot) => shot.petId === petId);
    const statuses = vaccinationStatuses(ofPet, today);
    for (const shot of ofPet) {
      if (!statuses.get(shot.id) || !shot.nextDueOn) continue;
      events.push({
        uid: `vaccination-${shot.id}@pawprint`,
        allDay: true,
        date: shot.nextDueOn,
        summary: `${shot.vaccine} due: ${nameOf.get(petId)}`,
        url: pageOf(petId),
      });
    }
  }

  for (const visit of visits)
    events.push({
      uid: `visit-${visit.id}@pawprint`,
      allDay: true,
      date: visit.visitedOn,
      summary: `Vet visit: ${nameOf.get(visit.petId)} (${visit.reason})`,
      description: visit.clinic ?? undefined,
      url: pageOf(visit.petId),
    });

  for (const treatment of treatments) {
    const schedule = scheduleOf(treatment);
    const rrule = scheduleToICalendar(schedule, timeZone)
      .split('\n')[1]!
      .replace(/^RRULE:/, '');
    events.push({
      uid: `medication-${treatment.id}@pawprint`,
      allDay: false,
      date: schedule.startDate,
      time: schedule.timeOfDay,
      durationMinutes: DOSE_MINUTES,
      repeat: rrule,
      summary: `${nameOf.get(treatment.petId)}: ${treatment.name}${treatment.dose ? ` (${treatment.dose})` : ''}`,
      description: describeSchedule(schedule),
      url: pageOf(treatment.petId),
    });
  }
  return events;
}
