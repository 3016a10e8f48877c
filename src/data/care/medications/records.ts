// A medication row as the DAL reads it, its schedule, and the lookup every medication function
// builds on: a medication is found only through a pet the caller may use (findCarePet).
import 'server-only';
import { desc, eq, inArray, max } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { medicationDoses, medications, pets } from '@/db/schema';
import type { MedicationKind } from '@/lib/medication-kinds';
import { pendingDose, WEEKDAYS, type Schedule, type Weekday } from '@/lib/medication-schedule';
import type { MedicationFields } from '@/lib/validations/medication';
import { findCareRow } from '../records';

export const medicationColumns = {
  id: medications.id,
  petId: medications.petId,
  kind: medications.kind,
  name: medications.name,
  dose: medications.dose,
  schedule: medications.schedule,
  intervalDays: medications.intervalDays,
  weekdays: medications.weekdays,
  startDate: medications.startDate,
  endDate: medications.endDate,
  timeOfDay: medications.timeOfDay,
  notes: medications.notes,
  remindDaysBefore: medications.remindDaysBefore,
  createdAt: medications.createdAt,
  updatedAt: medications.updatedAt,
};

export type MedicationRow = Pick<typeof medications.$inferSelect, keyof typeof medicationColumns>;

/** The schedule a row stores (time of day as HH:MM: Postgres gives HH:MM:SS). */
export function scheduleOf(row: MedicationRow): Schedule {
  return {
    kind: row.schedule,
    intervalDays: row.intervalDays,
    weekdays: row.weekdays.split(',').filter((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day)),
    startDate: row.startDate,
    endDate: row.endDate,
    timeOfDay: row.timeOfDay.slice(0, 5),
  };
}

/** The columns a form's fields set. */
export function medicationValues(fields: MedicationFields) {
  const { schedule } = fields;
  return {
    kind: fields.kind satisfies MedicationKind,
    name: fields.name,
    dose: fields.dose,
    notes: fields.notes,
    remindDaysBefore: fields.remindDaysBefore,
    schedule: schedule.kind,
    intervalDays: schedule.intervalDays,
    weekdays: schedule.weekdays.join(','),
    startDate: schedule.startDate,
    endDate: schedule.endDate,
    timeOfDay: schedule.timeOfDay,
  };
}

/** The pet's medication with this id, or null (another pet's, missing, or not a UUID). */
export function findMedication(
  tx: Transaction,
  petId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<MedicationRow | null> {
  return findCareRow<MedicationRow>(tx, medications, medicationColumns, petId, id, options);
}

/** The latest recorded dose of a medication (given or skipped), or null. */
export async function latestRecordedDose(tx: Transaction, medicationId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ scheduledAt: medicationDoses.scheduledAt })
    .from(medicationDoses)
    .where(eq(medicationDoses.medicationId, medicationId))
    .orderBy(desc(medicationDoses.scheduledAt))
    .limit(1);
  return row?.scheduledAt ?? null;
}

/** The latest recorded dose of each of these medications. */
export async function latestDoses(tx: Transaction, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ medicationId: medicationDoses.medicationId, latest: max(medicationDoses.scheduledAt) })
    .from(medicationDoses)
    .where(inArray(medicationDoses.medicationId, ids))
    .groupBy(medicationDoses.medicationId);
  return new Map(rows.flatMap((row) => (row.latest ? [[row.medicationId, new Date(row.latest)] as const] : [])));
}

/** Stores the dose to give next (for a reminder scan's index), after any change to the schedule or its doses. */
export async function refreshNextDose(tx: Transaction, row: MedicationRow, timeZone: string, now: Date) {
  await storeNextDose(tx, row, timeZone, now, await latestRecordedDose(tx, row.id));
}

/**
 * Stores the dose to give next of every medication of the user's pets: after their time zone
 * changed, the same local times of day are other instants (a 08:00 dose moves with the person).
 */
export async function refreshNextDoses(tx: Transaction, userId: string, timeZone: string, now: Date) {
  const rows = await tx
    .select(medicationColumns)
    .from(medications)
    .innerJoin(pets, eq(pets.id, medications.petId))
    .where(eq(pets.userId, userId));
  const latest = await latestDoses(
    tx,
    rows.map((row) => row.id),
  );
  for (const row of rows) await storeNextDose(tx, row, timeZone, now, latest.get(row.id) ?? null);
}

async function storeNextDose(tx: Transaction, row: MedicationRow, timeZone: string, now: Date, latest: Date | null) {
  const next = pendingDose(scheduleOf(row), timeZone, now, latest);
  await tx.update(medications).set({ nextDoseAt: next }).where(eq(medications.id, row.id));
}
