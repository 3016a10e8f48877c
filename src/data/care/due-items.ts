// What is due across a person's pets (FR-047, FR-048): the one query behind the Upcoming page, the
// badges on /pets and the reminder digest. Each source follows the rule its own page shows — a
// vaccine's latest shot only (vaccinationStatuses), a medication's shown dose (shownDose: an
// unrecorded past dose stays pending, so overdue), a vet visit booked from today on — so the three
// views never disagree with the pet page. A fixed number of queries per call, whatever the number
// of pets, each narrowed by the index its table has for it; run as the user under row-level security.
import 'server-only';
import { and, asc, desc, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { medications, pets, vaccinations, vetVisits } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { addDays, todayIn } from '@/lib/dates';
import { instantToWallTime, localDateOf, shownDose, wallTimeToInstant } from '@/lib/medication-schedule';
import { isUuid } from '@/lib/uuid';
import { vaccinationStatuses } from '@/lib/vaccinations';
import { preferencesIn } from '../preferences';
import type { SessionUser } from '../session';
import { latestDoses, medicationColumns, scheduleOf } from './medications/records';
import { carePetsOf } from './pet-access';
import { statusColumns } from './vaccinations';

export type DueItemKind = 'vaccination' | 'medication' | 'visit';

export type DueItem = {
  petId: string;
  petName: string;
  kind: DueItemKind;
  recordId: string;
  /** "Rabies vaccination due", "Apoquel 16 mg", "Vet visit: dental check". */
  title: string;
  /** The local date (YYYY-MM-DD, the account's zone) it is due on. */
  due: string;
  /** A medication's dose: its instant (ISO 8601, UTC) and local time (HH:MM); null for whole-day items. */
  at: string | null;
  time: string | null;
  /** A vaccine past its due date, or a dose past its time and not recorded. */
  overdue: boolean;
  /** Where the record is shown: a medication's own page, or the pet page's section for the others. */
  href: string;
  /** The record's "Remind me" lead time in days (the reminder digest's); null: no reminder. */
  remindDaysBefore: number | null;
};

export type DueWindow = {
  /** Earliest due date included (YYYY-MM-DD); omitted: everything still open, however overdue. */
  from?: string;
  /** Latest due date included: a date (YYYY-MM-DD), or so many days after today in the account's zone. */
  to: string | { days: number };
  /** Only these pets (ids the caller may not see are simply absent from the answer). */
  petIds?: readonly string[];
  /** The clock: fixed in tests and jobs. */
  now?: Date;
};

/** The account's due items in the window, soonest first, in the account's time zone. */
export function dueItems(user: SessionUser, window: DueWindow): Promise<DueItem[]> {
  return withUser(db(), user.id, async (tx) => {
    const { timeZone } = await preferencesIn(tx, user.id);
    return dueItemsIn(tx, { userId: user.id, timeZone }, window);
  });
}

/** The same, inside a transaction already running as `userId` (a job's asUser, or a page's read). */
export async function dueItemsIn(
  tx: Transaction,
  account: { userId: string; timeZone: string },
  window: DueWindow,
): Promise<DueItem[]> {
  const { userId, timeZone } = account;
  const now = window.now ?? new Date();
  const today = todayIn(timeZone, now);
  // Ids that are no UUID name no pet: left out before the database would refuse them.
  const onlyPets = window.petIds?.filter(isUuid);
  if (onlyPets?.length === 0) return [];
  const petFilter = onlyPets ? and(carePetsOf(userId), inArray(pets.id, onlyPets)) : carePetsOf(userId);
  const ownPets = await tx.select({ id: pets.id, name: pets.name }).from(pets).where(petFilter);
  if (ownPets.length === 0) return [];
  const names = new Map(ownPets.map((pet) => [pet.id, pet.name]));
  const petIds = [...names.keys()];
  const to = typeof window.to === 'string' ? window.to : addDays(today, window.to.days);
  const context: Context = { tx, timeZone, now, today, petIds, names, from: window.from ?? null, to };

  // One after another: a transaction runs one query at a time anyway (PGlite: strictly).
  const items = [...(await dueVaccinations(context)), ...(await dueDoses(context)), ...(await bookedVisits(context))];
  return items.sort(soonestFirst);
}

type Context = {
  tx: Transaction;
  timeZone: string;
  now: Date;
  today: string;
  petIds: string[];
  names: Map<string, string>;
  from: string | null;
  to: string;
};

const inWindow = (context: Context, due: string) => (!context.from || due >= context.from) && due <= context.to;

/**
 * Vaccines due in the window: the shots of every pet with a candidate (a next due date in the
 * window, found through vaccinations_next_due_idx), newest first as the pet page lists them, so
 * vaccinationStatuses keeps only each vaccine's latest — a newer shot without a due date, or with a
 * later one, supersedes the candidate.
 */
async function dueVaccinations(context: Context): Promise<DueItem[]> {
  const { tx, petIds, today } = context;
  const candidates = and(
    inArray(vaccinations.petId, petIds),
    isNotNull(vaccinations.nextDueOn),
    lte(vaccinations.nextDueOn, context.to),
    context.from ? gte(vaccinations.nextDueOn, context.from) : undefined,
  );
  const petsWithCandidates = tx.selectDistinct({ petId: vaccinations.petId }).from(vaccinations).where(candidates);
  const shots = await tx
    .select({ ...statusColumns, remindDaysBefore: vaccinations.remindDaysBefore })
    .from(vaccinations)
    .where(inArray(vaccinations.petId, petsWithCandidates))
    .orderBy(desc(vaccinations.givenOn), desc(vaccinations.createdAt), desc(vaccinations.id));
  const byPet = groupByPet(shots);
  const items: DueItem[] = [];
  for (const [petId, ofPet] of byPet) {
    const statuses = vaccinationStatuses(ofPet, today);
    for (const shot of ofPet) {
      const status = statuses.get(shot.id);
      const due = shot.nextDueOn;
      if (!status || !due || !inWindow(context, due)) continue;
      items.push({
        ...about(context, petId, 'vaccination', shot.id),
        title: `${shot.vaccine} vaccination due`,
        due,
        at: null,
        time: null,
        overdue: status === 'overdue',
        href: `/pets/${petId}#vaccinations-heading`,
        remindDaysBefore: shot.remindDaysBefore,
      });
    }
  }
  return items;
}

/**
 * Doses due in the window: each medication's shown dose, computed as its page computes it. The
 * stored next_dose_at (medications_pet_next_dose_idx) only narrows the rows: the dose to give next never
 * moves earlier as time passes, and every write, mark and time-zone change refreshes it, so a
 * medication whose stored dose is after the window has nothing due in it.
 */
async function dueDoses(context: Context): Promise<DueItem[]> {
  const { tx, timeZone, now, petIds } = context;
  const endOfWindow = wallTimeToInstant(new Date(`${context.to}T23:59:59.999Z`), timeZone);
  const rows = await tx
    .select(medicationColumns)
    .from(medications)
    .where(
      and(
        inArray(medications.petId, petIds),
        isNotNull(medications.nextDoseAt),
        lte(medications.nextDoseAt, endOfWindow),
      ),
    )
    .orderBy(asc(medications.nextDoseAt));
  const latest = await latestDoses(
    tx,
    rows.map((row) => row.id),
  );
  const items: DueItem[] = [];
  for (const row of rows) {
    const dose = shownDose(scheduleOf(row), timeZone, now, latest.get(row.id) ?? null);
    if (!dose) continue;
    const due = localDateOf(dose, timeZone);
    if (!inWindow(context, due)) continue;
    items.push({
      ...about(context, row.petId, 'medication', row.id),
      title: row.dose ? `${row.name} ${row.dose}` : row.name,
      due,
      at: dose.toISOString(),
      time: localTime(dose, timeZone),
      overdue: dose.getTime() < now.getTime(),
      href: `/pets/${row.petId}/medications/${row.id}`,
      remindDaysBefore: row.remindDaysBefore,
    });
  }
  return items;
}

/** Vet visits booked in the window from today on (a past visit happened: it is not due). */
async function bookedVisits(context: Context): Promise<DueItem[]> {
  const { tx, petIds, today } = context;
  const from = context.from && context.from > today ? context.from : today;
  const visits = await tx
    .select({
      id: vetVisits.id,
      petId: vetVisits.petId,
      visitedOn: vetVisits.visitedOn,
      reason: vetVisits.reason,
      remindDaysBefore: vetVisits.remindDaysBefore,
    })
    .from(vetVisits)
    .where(and(inArray(vetVisits.petId, petIds), gte(vetVisits.visitedOn, from), lte(vetVisits.visitedOn, context.to)));
  return visits.map((visit) => ({
    ...about(context, visit.petId, 'visit', visit.id),
    title: `Vet visit: ${visit.reason}`,
    due: visit.visitedOn,
    at: null,
    time: null,
    overdue: false,
    href: `/pets/${visit.petId}#visits-heading`,
    remindDaysBefore: visit.remindDaysBefore,
  }));
}

function about(context: Context, petId: string, kind: DueItemKind, recordId: string) {
  return { petId, petName: context.names.get(petId) ?? '', kind, recordId };
}

function groupByPet<T extends { petId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.petId, [...(groups.get(row.petId) ?? []), row]);
  return groups;
}

/** HH:MM of an instant in a zone. */
function localTime(instant: Date, timeZone: string): string {
  return instantToWallTime(instant, timeZone).toISOString().slice(11, 16);
}

const KIND_ORDER: Record<DueItemKind, number> = { vaccination: 0, medication: 1, visit: 2 };

/** By day; within a day, whole-day items before timed doses, doses by time; then pet, then title. */
function soonestFirst(a: DueItem, b: DueItem): number {
  return (
    a.due.localeCompare(b.due) ||
    (a.at ?? '').localeCompare(b.at ?? '') ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.petName.localeCompare(b.petName) ||
    a.title.localeCompare(b.title) ||
    a.recordId.localeCompare(b.recordId)
  );
}
