// A pet's weight records: list, read, create, update, delete. Whether the caller may see or change
// them is findCarePet's answer (and row-level security's, joined through the pet); every write locks
// the pet row first, so a record is never added to a pet being deleted. Weights are whole grams here.
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { weightRecords } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { isUuid } from '@/lib/uuid';
import type { WeightFields } from '@/lib/validations/weight';
import type { SessionUser } from '../session';
import { assertRoomForCareRecord } from './limits';
import { findCarePet, type CarePet } from './pet-access';

export type WeightRecord = {
  id: string;
  /** YYYY-MM-DD, the day of the weighing. */
  date: string;
  grams: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PetWeights = { pet: CarePet; records: WeightRecord[] };

const weightColumns = {
  id: weightRecords.id,
  date: weightRecords.weighedOn,
  grams: weightRecords.grams,
  note: weightRecords.note,
  createdAt: weightRecords.createdAt,
  updatedAt: weightRecords.updatedAt,
};

type WeightRow = Pick<typeof weightRecords.$inferSelect, 'id' | 'grams' | 'note' | 'createdAt' | 'updatedAt'> & {
  date: string;
};

function toWeightRecord(row: WeightRow): WeightRecord {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The record `id` of pet `petId` (already access-checked), or nothing. */
const ofPet = (petId: string, id: string) => and(eq(weightRecords.id, id), eq(weightRecords.petId, petId));

/** Every weighing of the pet, newest first (by date, then by entry), or null when the pet is not the caller's. */
export async function listWeights(user: SessionUser, petId: string): Promise<PetWeights | null> {
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId);
    if (!pet) return null;
    const rows = await tx
      .select(weightColumns)
      .from(weightRecords)
      .where(eq(weightRecords.petId, pet.id))
      .orderBy(desc(weightRecords.weighedOn), desc(weightRecords.createdAt), desc(weightRecords.id));
    return { pet, records: rows.map(toWeightRecord) };
  });
}

/** One weighing with its pet, or null when either is missing, foreign, or not an id. */
export async function getWeight(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; record: WeightRecord } | null> {
  if (!isUuid(id)) return null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId);
    if (!pet) return null;
    const [row] = await tx.select(weightColumns).from(weightRecords).where(ofPet(pet.id, id));
    return row ? { pet, record: toWeightRecord(row) } : null;
  });
}

/**
 * Adds a weighing to the caller's pet, within the limits; null when the pet is not theirs. The same
 * `submissionId` twice yields the record the first one created, with `created: false`.
 */
export async function createWeight(
  user: SessionUser,
  petId: string,
  fields: WeightFields,
  submissionId: string | null,
): Promise<{ record: WeightRecord; created: boolean } | null> {
  const key = isUuid(submissionId) ? submissionId : null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet) return null;
    // Under the pet's lock a twin of this submission has either committed or not started.
    const twin = key ? await findBySubmission(tx, pet.id, key) : null;
    if (twin) return { record: twin, created: false };
    await assertRoomForCareRecord(tx, user.id, pet.id, 'weight');
    const [row] = await tx
      .insert(weightRecords)
      .values({
        petId: pet.id,
        // Who entered it is always the session's user, never a form field.
        createdBy: user.id,
        weighedOn: fields.date,
        grams: fields.grams,
        note: fields.note,
        submissionId: key,
      })
      .returning(weightColumns);
    if (!row) throw new Error('insert of a weight record returned no row');
    return { record: toWeightRecord(row), created: true };
  });
}

async function findBySubmission(tx: Transaction, petId: string, key: string): Promise<WeightRecord | null> {
  const [row] = await tx
    .select(weightColumns)
    .from(weightRecords)
    .where(and(eq(weightRecords.petId, petId), eq(weightRecords.submissionId, key)));
  return row ? toWeightRecord(row) : null;
}

/** Changes a weighing of the caller's pet; null when the pet or the record is missing or foreign. */
export async function updateWeight(
  user: SessionUser,
  petId: string,
  id: string,
  fields: WeightFields,
): Promise<WeightRecord | null> {
  if (!isUuid(id)) return null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet) return null;
    const [row] = await tx
      .update(weightRecords)
      .set({ weighedOn: fields.date, grams: fields.grams, note: fields.note })
      .where(ofPet(pet.id, id))
      .returning(weightColumns);
    return row ? toWeightRecord(row) : null;
  });
}

/** Deletes a weighing of the caller's pet; returns it, or null when there was none to delete. */
export async function deleteWeight(user: SessionUser, petId: string, id: string): Promise<WeightRecord | null> {
  if (!isUuid(id)) return null;
  return withUser(db(), user.id, async (tx) => {
    const pet = await findCarePet(tx, user.id, petId, { lock: true });
    if (!pet) return null;
    const [row] = await tx.delete(weightRecords).where(ofPet(pet.id, id)).returning(weightColumns);
    return row ? toWeightRecord(row) : null;
  });
}
