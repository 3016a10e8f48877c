// Adding, editing and deleting a pet's medications: the shared care-record shape (../records.ts:
// the pet's row lock, the care limits, the one-time key, writes by pet and id) with the medication's
// own step after each save: the dose to give next stored for the reminder scan. Recorded doses
// survive an edit of the schedule.
import 'server-only';
import type { Transaction } from '@/db/client';
import { medications } from '@/db/schema';
import type { MedicationFields } from '@/lib/validations/medication';
import { preferencesIn } from '../../preferences';
import type { SessionUser } from '../../session';
import { createCareRow, deleteCareRow, updateCareRow } from '../records';
import { medicationColumns, medicationValues, refreshNextDose, type MedicationRow } from './records';

export type MedicationWrite = { status: 'saved'; id: string } | { status: 'not_found' };

const NOT_FOUND: MedicationWrite = { status: 'not_found' };

const record = { table: medications, columns: medicationColumns };

/** After a save: the dose to give next, as of `now` in the account's time zone. */
const nextDoseStored = (userId: string, now: Date) => async (tx: Transaction, row: MedicationRow) => {
  const { timeZone } = await preferencesIn(tx, userId);
  await refreshNextDose(tx, row, timeZone, now);
};

/**
 * Adds a medication to a pet the caller may use. The same `submissionId` twice (a double click, a
 * retry) answers with the medication the first created and adds nothing.
 */
export async function createMedication(
  user: SessionUser,
  petId: string,
  fields: MedicationFields,
  submissionId: string | null,
  now = new Date(),
): Promise<MedicationWrite> {
  const values = medicationValues(fields);
  const saved = await createCareRow<MedicationRow>(
    user,
    petId,
    { kind: 'medication', ...record, values },
    submissionId,
    nextDoseStored(user.id, now),
  );
  return saved ? { status: 'saved', id: saved.row.id } : NOT_FOUND;
}

/** Changes a medication; its recorded doses stay as they are (they record what happened). */
export async function updateMedication(
  user: SessionUser,
  petId: string,
  id: string,
  fields: MedicationFields,
  now = new Date(),
): Promise<MedicationWrite> {
  const values = medicationValues(fields);
  const row = await updateCareRow<MedicationRow>(user, petId, id, { ...record, values }, nextDoseStored(user.id, now));
  return row ? { status: 'saved', id: row.id } : NOT_FOUND;
}

/** Deletes a medication and its doses; what was deleted, or null when there was none to delete. */
export function deleteMedication(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ id: string; name: string } | null> {
  return deleteCareRow(user, petId, id, {
    table: medications,
    columns: { id: medications.id, name: medications.name },
  });
}
