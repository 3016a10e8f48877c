// Adding, editing and deleting a pet's medications: the shared care-record shape (../records.ts:
// the pet's row lock, the care limits, the one-time key, writes by pet and id) with the medication's
// own step after each save: the dose to give next stored for the reminder scan. Recorded doses
// survive an edit of the schedule.
import 'server-only';
import { medications } from '@/db/schema';
import type { MedicationFields } from '@/lib/validations/medication';
import { preferencesIn } from '../../preferences';
import type { SessionUser } from '../../session';
import { careRecordStore, type AfterWrite } from '../records';
import { medicationColumns, medicationValues, refreshNextDose, type MedicationRow } from './records';

export type MedicationWrite = { status: 'saved'; id: string } | { status: 'not_found' };

const NOT_FOUND: MedicationWrite = { status: 'not_found' };

const store = careRecordStore({
  kind: 'medication',
  table: medications,
  columns: medicationColumns,
  // The list is read.ts's (active and finished, with each next dose).
  order: [],
  toRecord: (row: MedicationRow) => row,
  values: medicationValues,
});

/** After a save: the dose to give next, as of `now` in the account's time zone. */
const nextDoseStored =
  (userId: string, now: Date): AfterWrite<MedicationRow> =>
  async (tx, row) => {
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
  const saved = await store.create(user, petId, fields, submissionId, nextDoseStored(user.id, now));
  return saved ? { status: 'saved', id: saved.record.id } : NOT_FOUND;
}

/** Changes a medication; its recorded doses stay as they are (they record what happened). */
export async function updateMedication(
  user: SessionUser,
  petId: string,
  id: string,
  fields: MedicationFields,
  now = new Date(),
): Promise<MedicationWrite> {
  const row = await store.update(user, petId, id, fields, nextDoseStored(user.id, now));
  return row ? { status: 'saved', id: row.id } : NOT_FOUND;
}

/** Deletes a medication and its doses; what was deleted, or null when there was none to delete. */
export const deleteMedication = store.remove;
