// A pet's medications as the pages show them: the schedule in words, the dose to give next in the
// account's time zone ("today 08:00", overdue or not, whether it can be marked yet), active or
// finished, and on a medication's own page its latest recorded doses and who recorded them.
import 'server-only';
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { medicationDoses, medications } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import { MEDICATION_KIND_LABELS, type DoseStatus, type MedicationKind } from '@/lib/medication-kinds';
import {
  describeSchedule,
  formatDoseTime,
  isFinished,
  localDateOf,
  shownDose,
  type Schedule,
} from '@/lib/medication-schedule';
import { preferencesIn } from '../../preferences';
import type { SessionUser } from '../../session';
import { findCarePet, type CarePet } from '../pet-access';
import { peopleLabels } from './people';
import { findMedication, latestDoses, medicationColumns, scheduleOf, type MedicationRow } from './records';

/** How many recorded doses a medication's page lists. */
export const DOSE_HISTORY_LENGTH = 10;

export type NextDose = {
  /** The scheduled instant (ISO 8601, UTC): what "Mark given" sends back. */
  at: string;
  /** "today 08:00", "tomorrow 08:00", "Thu 10 Dec 2026, 08:00" in the account's zone. */
  when: string;
  overdue: boolean;
  /** Due today or earlier: it can be marked now. */
  markable: boolean;
};

export type Medication = {
  id: string;
  petId: string;
  kind: MedicationKind;
  kindLabel: string;
  name: string;
  dose: string | null;
  notes: string | null;
  /** Days before a dose that reminders start; null: none. */
  remindDaysBefore: number | null;
  schedule: Schedule;
  scheduleText: string;
  /** "From 1 December 2026", "1 – 31 December 2026"… */
  period: string;
  /** The end date (or a single dose's day) has passed. */
  finished: boolean;
  nextDose: NextDose | null;
};

export type DoseRecord = { scheduledAt: string; when: string; status: DoseStatus; by: string; recordedAt: string };

export type PetMedications = { pet: CarePet; timeZone: string; medications: Medication[] };

function toMedication(row: MedicationRow, timeZone: string, now: Date, latestRecorded: Date | null): Medication {
  const schedule = scheduleOf(row);
  const today = todayIn(timeZone, now);
  const next = shownDose(schedule, timeZone, now, latestRecorded);
  return {
    id: row.id,
    petId: row.petId,
    kind: row.kind,
    kindLabel: MEDICATION_KIND_LABELS[row.kind],
    name: row.name,
    dose: row.dose,
    notes: row.notes,
    remindDaysBefore: row.remindDaysBefore,
    schedule,
    scheduleText: describeSchedule(schedule),
    period: periodOf(schedule),
    finished: isFinished(schedule, today),
    nextDose: next
      ? {
          at: next.toISOString(),
          when: formatDoseTime(next, timeZone, now),
          overdue: next.getTime() < now.getTime(),
          markable: localDateOf(next, timeZone) <= today,
        }
      : null,
  };
}

function periodOf(schedule: Schedule): string {
  const start = formatCalendarDate(schedule.startDate);
  if (schedule.kind === 'once') return `On ${start}`;
  return schedule.endDate ? `From ${start} to ${formatCalendarDate(schedule.endDate)}` : `From ${start}`;
}

/** The pet's medications, newest first, or null when the caller may not see the pet. */
export async function listMedications(
  user: SessionUser,
  petId: string,
  now = new Date(),
): Promise<PetMedications | null> {
  return onPetMedications(user, petId, async (tx, pet, timeZone) => {
    const rows = await tx
      .select(medicationColumns)
      .from(medications)
      .where(eq(medications.petId, pet.id))
      .orderBy(desc(medications.startDate), desc(medications.createdAt), desc(medications.id));
    return { pet, timeZone, medications: await withDoses(tx, rows, timeZone, now) };
  });
}

/** `read` on the caller's pet with the account's time zone, under RLS; null when the pet is not theirs. */
async function onPetMedications<T>(
  user: SessionUser,
  petId: string,
  read: (tx: Transaction, pet: CarePet, timeZone: string) => Promise<T>,
): Promise<T | null> {
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId);
    if (!pet) return null;
    const { timeZone } = await preferencesIn(tx, user.id);
    return read(tx, pet, timeZone);
  });
}

/** The rows as the pages show them, each with its latest recorded dose (one query for all). */
async function withDoses(tx: Transaction, rows: MedicationRow[], timeZone: string, now: Date): Promise<Medication[]> {
  const latest = await latestDoses(
    tx,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toMedication(row, timeZone, now, latest.get(row.id) ?? null));
}

/**
 * The pet page's treatments: those not finished (as `isFinished`: their last day is before today in
 * the account's zone) with a dose still to give, the soonest first — by the stored next_dose_at,
 * which every write, mark and change of zone keeps current; read through the (pet, next dose)
 * index, so only the first `limit` — and whether the pet has any medication at all; null when the
 * caller may not see the pet.
 */
export async function soonestMedications(
  user: SessionUser,
  petId: string,
  limit: number,
  now = new Date(),
): Promise<{ medications: Medication[]; anyRecorded: boolean } | null> {
  return onPetMedications(user, petId, async (tx, pet, timeZone) => {
    const rows = await tx
      .select(medicationColumns)
      .from(medications)
      .where(
        and(
          eq(medications.petId, pet.id),
          isNotNull(medications.nextDoseAt),
          sql`coalesce(case when ${medications.schedule} = 'once' then ${medications.startDate} else ${medications.endDate} end, 'infinity'::date) >= ${todayIn(timeZone, now)}`,
        ),
      )
      .orderBy(asc(medications.nextDoseAt))
      .limit(limit);
    return {
      medications: await withDoses(tx, rows, timeZone, now),
      anyRecorded:
        rows.length > 0 ||
        (await tx.select({ id: medications.id }).from(medications).where(eq(medications.petId, pet.id)).limit(1))
          .length > 0,
    };
  });
}

/** One medication of a pet with its latest recorded doses, or null (foreign, missing, not a UUID). */
export async function getMedication(
  user: SessionUser,
  petId: string,
  id: string,
  now = new Date(),
): Promise<{ pet: CarePet; medication: Medication; history: DoseRecord[] } | null> {
  const found = await withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId);
    const row = pet ? await findMedication(tx, pet.id, id) : null;
    if (!pet || !row) return null;
    const { timeZone } = await preferencesIn(tx, user.id);
    const doses = await tx
      .select({
        scheduledAt: medicationDoses.scheduledAt,
        status: medicationDoses.status,
        recordedBy: medicationDoses.recordedBy,
        recordedAt: medicationDoses.recordedAt,
      })
      .from(medicationDoses)
      .where(eq(medicationDoses.medicationId, row.id))
      .orderBy(desc(medicationDoses.scheduledAt))
      .limit(DOSE_HISTORY_LENGTH);
    return { pet, row, timeZone, doses };
  });
  if (!found) return null;
  const { pet, row, timeZone, doses } = found;
  const labels = await peopleLabels(doses.map((dose) => dose.recordedBy));
  return {
    pet,
    medication: toMedication(row, timeZone, now, doses[0]?.scheduledAt ?? null),
    history: doses.map((dose) => ({
      scheduledAt: dose.scheduledAt.toISOString(),
      when: formatDoseTime(dose.scheduledAt, timeZone, now),
      status: dose.status,
      by: labels.get(dose.recordedBy) ?? labels.get(null)!,
      recordedAt: formatDoseTime(dose.recordedAt, timeZone, now),
    })),
  };
}
