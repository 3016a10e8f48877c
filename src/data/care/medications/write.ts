// Adding, editing and deleting a pet's medications: each under the pet's row lock (a concurrent
// pet delete and a write serialize), the care limits counted under the account's usage lock, the
// dose to give next stored for the reminder scan. Recorded doses survive an edit of the schedule.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { medications } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { isUuid } from '@/lib/uuid';
import type { MedicationFields } from '@/lib/validations/medication';
import { preferencesIn } from '../../preferences';
import type { SessionUser } from '../../session';
import { assertRoomForCareRecord } from '../limits';
import { findCarePet } from '../pet-access';
import { findMedication, medicationColumns, medicationValues, refreshNextDose } from './records';

export type MedicationWrite = { status: 'saved'; id: string } | { status: 'not_found' };

const NOT_FOUND: MedicationWrite = { status: 'not_found' };

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
  const key = isUuid(submissionId) ? submissionId : null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet) return NOT_FOUND;
    const earlier = key ? await findSubmitted(tx, pet.id, key) : null;
    if (earlier) return { status: 'saved', id: earlier };
    await assertRoomForCareRecord(tx, user.id, pet.id, 'medication');
    const [row] = await tx
      .insert(medications)
      .values({ ...medicationValues(fields), petId: pet.id, createdBy: user.id, submissionId: key })
      .returning(medicationColumns);
    if (!row) throw new Error('insert of a medication returned no row');
    const { timeZone } = await preferencesIn(tx, user.id);
    await refreshNextDose(tx, row, timeZone, now);
    return { status: 'saved', id: row.id };
  });
}

async function findSubmitted(tx: Transaction, petId: string, key: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: medications.id })
    .from(medications)
    .where(and(eq(medications.petId, petId), eq(medications.submissionId, key)));
  return row?.id ?? null;
}

/** Changes a medication; its recorded doses stay as they are (they record what happened). */
export async function updateMedication(
  user: SessionUser,
  petId: string,
  id: string,
  fields: MedicationFields,
  now = new Date(),
): Promise<MedicationWrite> {
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet || !(await findMedication(tx, pet.id, id, { lock: true }))) return NOT_FOUND;
    const [row] = await tx
      .update(medications)
      .set(medicationValues(fields))
      .where(and(eq(medications.id, id), eq(medications.petId, pet.id)))
      .returning(medicationColumns);
    if (!row) return NOT_FOUND;
    const { timeZone } = await preferencesIn(tx, user.id);
    await refreshNextDose(tx, row, timeZone, now);
    return { status: 'saved', id: row.id };
  });
}

/** Deletes a medication and its doses; what was deleted, or null when there was none to delete. */
export async function deleteMedication(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ id: string; name: string } | null> {
  if (!isUuid(id)) return null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet) return null;
    const [deleted] = await tx
      .delete(medications)
      .where(and(eq(medications.id, id), eq(medications.petId, pet.id)))
      .returning({ id: medications.id, name: medications.name });
    return deleted ?? null;
  });
}
