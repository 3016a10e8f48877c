// Recording a dose as given or skipped: once per scheduled dose whoever marks it (insert … on
// conflict do nothing, then read the row that won), only for a dose the schedule really has, not
// for a day still to come, and at most RECORDABLE_DAYS back. Undo is for the person who marked it,
// on the same day.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { medicationDoses } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import type { DoseStatus } from '@/lib/medication-kinds';
import { formatDoseTime, isOccurrence, localDateOf } from '@/lib/medication-schedule';
import { preferencesIn } from '../../preferences';
import type { SessionUser } from '../../session';
import { findCarePet } from '../pet-access';
import { peopleLabels } from './people';
import { findMedication, refreshNextDose, scheduleOf } from './records';

/** How far back a missed dose can still be recorded. */
export const RECORDABLE_DAYS = 31;
const DAY = 86_400_000;

export type RecordedDose = { status: DoseStatus; by: string; byYou: boolean; at: string };

export type DoseOutcome =
  /** This request recorded it. */
  | { status: 'recorded'; dose: RecordedDose }
  /** Someone (another person, another tab) had recorded it already: theirs stands. */
  | { status: 'already'; dose: RecordedDose }
  | { status: 'not_found' }
  | { status: 'not_scheduled' }
  | { status: 'not_yet' }
  | { status: 'too_old' };

type Refused = Exclude<DoseOutcome, { dose: RecordedDose }>;
type Stored = {
  status: 'recorded' | 'already';
  row: { status: DoseStatus; recordedBy: string | null; recordedAt: Date };
  timeZone: string;
};

export async function recordDose(
  user: SessionUser,
  petId: string,
  medicationId: string,
  scheduledAt: Date,
  status: DoseStatus,
  now = new Date(),
): Promise<DoseOutcome> {
  const outcome = await withUser(db(), user.id, async (tx): Promise<Refused | Stored> => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    const medication = pet ? await findMedication(tx, pet.id, medicationId) : null;
    if (!medication) return { status: 'not_found' as const };
    const { timeZone } = await preferencesIn(tx, user.id);
    if (!isOccurrence(scheduleOf(medication), timeZone, scheduledAt)) return { status: 'not_scheduled' as const };
    if (localDateOf(scheduledAt, timeZone) > todayIn(timeZone, now)) return { status: 'not_yet' as const };
    if (scheduledAt.getTime() < now.getTime() - RECORDABLE_DAYS * DAY) return { status: 'too_old' as const };
    const [inserted] = await tx
      .insert(medicationDoses)
      .values({ medicationId: medication.id, scheduledAt, status, recordedBy: user.id })
      .onConflictDoNothing({ target: [medicationDoses.medicationId, medicationDoses.scheduledAt] })
      .returning({ id: medicationDoses.id });
    const [row] = await tx
      .select({
        status: medicationDoses.status,
        recordedBy: medicationDoses.recordedBy,
        recordedAt: medicationDoses.recordedAt,
      })
      .from(medicationDoses)
      .where(and(eq(medicationDoses.medicationId, medication.id), eq(medicationDoses.scheduledAt, scheduledAt)));
    if (!row) throw new Error('a dose neither inserted nor found');
    if (inserted) await refreshNextDose(tx, medication, timeZone, now);
    return { status: inserted ? 'recorded' : 'already', row, timeZone };
  });
  if (!('row' in outcome)) return outcome;
  const { row, timeZone } = outcome;
  const labels = await peopleLabels([row.recordedBy]);
  return {
    status: outcome.status,
    dose: {
      status: row.status,
      by: labels.get(row.recordedBy) ?? labels.get(null)!,
      byYou: row.recordedBy === user.id,
      at: formatDoseTime(row.recordedAt, timeZone, now),
    },
  };
}

/**
 * Takes back a mark: only the person who made it, and only on the day (in their zone) they made it.
 * True when a mark was removed.
 */
export async function undoDose(
  user: SessionUser,
  petId: string,
  medicationId: string,
  scheduledAt: Date,
  now = new Date(),
): Promise<boolean> {
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    const medication = pet ? await findMedication(tx, pet.id, medicationId) : null;
    if (!medication) return false;
    const { timeZone } = await preferencesIn(tx, user.id);
    const [row] = await tx
      .select({ id: medicationDoses.id, recordedAt: medicationDoses.recordedAt })
      .from(medicationDoses)
      .where(
        and(
          eq(medicationDoses.medicationId, medication.id),
          eq(medicationDoses.scheduledAt, scheduledAt),
          eq(medicationDoses.recordedBy, user.id),
        ),
      );
    if (!row || localDateOf(row.recordedAt, timeZone) !== todayIn(timeZone, now)) return false;
    await tx.delete(medicationDoses).where(eq(medicationDoses.id, row.id));
    await refreshNextDose(tx, medication, timeZone, now);
    return true;
  });
}
