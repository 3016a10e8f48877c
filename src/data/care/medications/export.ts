// Medications in the data export (docs/data-export-format.md): each with its schedule as fields and as
// RFC 5545 text (DTSTART with the account's zone, and the RRULE), and its recorded doses, oldest
// first. An explicit mapping: a new column leaves only when someone adds it here.
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { medicationDoses, medications, pets } from '@/db/schema';
import type { DoseStatus, MedicationKind, ScheduleKind, Weekday } from '@/lib/medication-kinds';
import { scheduleToICalendar } from '@/lib/medication-schedule';
import { preferencesIn } from '../../preferences';
import { medicationColumns, scheduleOf } from './records';

export type PetsJsonMedication = {
  id: string;
  kind: MedicationKind;
  name: string;
  dose: string | null;
  notes: string | null;
  schedule: {
    kind: ScheduleKind;
    intervalDays: number | null;
    weekdays: Weekday[];
    startDate: string;
    endDate: string | null;
    timeOfDay: string;
    timeZone: string;
  };
  /** `DTSTART;TZID=<zone>:<local start>` and `RRULE:…`, one per line (RFC 5545). */
  rrule: string;
  createdAt: string;
  updatedAt: string;
  doses: { scheduledAt: string; status: DoseStatus; recordedAt: string; recordedByYou: boolean }[];
};

/** The medications of every pet of the user, by pet id, inside the export's user transaction. */
export async function exportedMedications(tx: Transaction, userId: string): Promise<Map<string, PetsJsonMedication[]>> {
  const { timeZone } = await preferencesIn(tx, userId);
  const rows = await tx
    .select(medicationColumns)
    .from(medications)
    .innerJoin(pets, eq(pets.id, medications.petId))
    .where(eq(pets.userId, userId))
    .orderBy(asc(medications.createdAt), asc(medications.id));
  const doses = rows.length
    ? await tx
        .select({
          medicationId: medicationDoses.medicationId,
          scheduledAt: medicationDoses.scheduledAt,
          status: medicationDoses.status,
          recordedAt: medicationDoses.recordedAt,
          recordedBy: medicationDoses.recordedBy,
        })
        .from(medicationDoses)
        .where(
          inArray(
            medicationDoses.medicationId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(asc(medicationDoses.scheduledAt))
    : [];
  const byPet = new Map<string, PetsJsonMedication[]>();
  for (const row of rows) {
    const schedule = scheduleOf(row);
    const medication: PetsJsonMedication = {
      id: row.id,
      kind: row.kind,
      name: row.name,
      dose: row.dose,
      notes: row.notes,
      schedule: { ...schedule, timeZone },
      rrule: scheduleToICalendar(schedule, timeZone),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      doses: doses
        .filter((dose) => dose.medicationId === row.id)
        .map((dose) => ({
          scheduledAt: dose.scheduledAt.toISOString(),
          status: dose.status,
          recordedAt: dose.recordedAt.toISOString(),
          recordedByYou: dose.recordedBy === userId,
        })),
    };
    byPet.set(row.petId, [...(byPet.get(row.petId) ?? []), medication]);
  }
  return byPet;
}
