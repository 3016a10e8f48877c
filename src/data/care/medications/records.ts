// A medication row as the DAL reads it, its schedule, and the lookup every medication function
// builds on: a medication is found only through a pet the caller may use (findCarePet).
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { medicationDoses, medications } from '@/db/schema';
import type { MedicationKind } from '@/lib/medication-kinds';
import { pendingDose, WEEKDAYS, type Schedule, type Weekday } from '@/lib/medication-schedule';
import { isUuid } from '@/lib/uuid';
import type { MedicationFields } from '@/lib/validations/medication';

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
export async function findMedication(
  tx: Transaction,
  petId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<MedicationRow | null> {
  if (!isUuid(id)) return null;
  const query = tx
    .select(medicationColumns)
    .from(medications)
    .where(and(eq(medications.id, id), eq(medications.petId, petId)));
  const [row] = await (options.lock ? query.for('update') : query);
  return row ?? null;
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

/** Stores the dose to give next (for a reminder scan's index), after any change to the schedule or its doses. */
export async function refreshNextDose(tx: Transaction, row: MedicationRow, timeZone: string, now: Date) {
  const next = pendingDose(scheduleOf(row), timeZone, now, await latestRecordedDose(tx, row.id));
  await tx.update(medications).set({ nextDoseAt: next }).where(eq(medications.id, row.id));
}
