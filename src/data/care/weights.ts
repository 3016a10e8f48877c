// A pet's weight records: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the weighing's columns, order and DTO.
// Weights are whole grams here.
import 'server-only';
import { desc } from 'drizzle-orm';
import { weightRecords } from '@/db/schema';
import type { WeightFields } from '@/lib/validations/weight';
import type { SessionUser } from '../session';
import type { CarePet } from './pet-access';
import { createCareRow, deleteCareRow, getCareRow, listCareRows, updateCareRow } from './records';

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

const record = { table: weightRecords, columns: weightColumns };

/** The columns a form's fields set. */
const weightValues = (fields: WeightFields) => ({ weighedOn: fields.date, grams: fields.grams, note: fields.note });

/** Every weighing of the pet, newest first (by date, then by entry), or null when the pet is not the caller's. */
export async function listWeights(user: SessionUser, petId: string): Promise<PetWeights | null> {
  const order = [desc(weightRecords.weighedOn), desc(weightRecords.createdAt), desc(weightRecords.id)];
  const found = await listCareRows<WeightRow>(user, petId, { ...record, order });
  return found && { pet: found.pet, records: found.rows.map(toWeightRecord) };
}

/** One weighing with its pet, or null when either is missing, foreign, or not an id. */
export async function getWeight(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; record: WeightRecord } | null> {
  const found = await getCareRow<WeightRow>(user, petId, id, record);
  return found && { pet: found.pet, record: toWeightRecord(found.row) };
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
  const values = weightValues(fields);
  const saved = await createCareRow<WeightRow>(user, petId, { kind: 'weight', ...record, values }, submissionId);
  return saved && { record: toWeightRecord(saved.row), created: saved.created };
}

/** Changes a weighing of the caller's pet; false (nothing changed) when the pet or the record is missing or foreign. */
export async function updateWeight(
  user: SessionUser,
  petId: string,
  id: string,
  fields: WeightFields,
): Promise<boolean> {
  return (await updateCareRow(user, petId, id, { ...record, values: weightValues(fields) })) !== null;
}

/** Deletes a weighing of the caller's pet; returns it, or null when there was none to delete. */
export async function deleteWeight(user: SessionUser, petId: string, id: string): Promise<WeightRecord | null> {
  const row = await deleteCareRow<WeightRow>(user, petId, id, record);
  return row && toWeightRecord(row);
}
