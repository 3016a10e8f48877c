// The vet visits DAL: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the vet visit's columns, order and DTO.
import 'server-only';
import { desc } from 'drizzle-orm';
import { vetVisits } from '@/db/schema';
import type { VetVisitInput } from '@/lib/validations/vet-visit';
import type { SessionUser } from '../session';
import type { CarePet } from './pet-access';
import { createCareRow, deleteCareRow, getCareRow, listCareRows, updateCareRow } from './records';

export type VetVisit = {
  id: string;
  petId: string;
  /** YYYY-MM-DD; may be ahead (a booked visit). */
  visitedOn: string;
  reason: string;
  clinic: string | null;
  notes: string | null;
  /** Whole cents, or null when no cost was entered. */
  costCents: number | null;
  createdAt: string;
  updatedAt: string;
};

const columns = {
  id: vetVisits.id,
  petId: vetVisits.petId,
  visitedOn: vetVisits.visitedOn,
  reason: vetVisits.reason,
  clinic: vetVisits.clinic,
  notes: vetVisits.notes,
  costCents: vetVisits.costCents,
  createdAt: vetVisits.createdAt,
  updatedAt: vetVisits.updatedAt,
};

type Row = Pick<typeof vetVisits.$inferSelect, keyof typeof columns>;

function toVetVisit(row: Row): VetVisit {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const record = { table: vetVisits, columns };

/** The pet's vet visits, newest first (by date, then by entry), or null when the pet is not the caller's. */
export async function listVetVisits(user: SessionUser, petId: string): Promise<VetVisit[] | null> {
  const order = [desc(vetVisits.visitedOn), desc(vetVisits.createdAt), desc(vetVisits.id)];
  const found = await listCareRows<Row>(user, petId, { ...record, order });
  return found && found.rows.map(toVetVisit);
}

/** One record with its pet, or null when either is missing, foreign, or not a UUID. */
export async function getVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; visit: VetVisit } | null> {
  const found = await getCareRow<Row>(user, petId, id, record);
  return found && { pet: found.pet, visit: toVetVisit(found.row) };
}

/**
 * Adds a record to the caller's pet; null when the pet is not the caller's. The same `submissionId`
 * twice yields the first one's record (`created: false`). Throws CareLimitError at a limit.
 */
export async function createVetVisit(
  user: SessionUser,
  petId: string,
  input: VetVisitInput,
  submissionId: string | null,
): Promise<{ id: string; created: boolean } | null> {
  const kind = 'visit';
  const saved = await createCareRow<{ id: string }>(user, petId, { kind, ...record, values: input }, submissionId);
  return saved && { id: saved.row.id, created: saved.created };
}

/** Replaces a record's fields; false (nothing changed) when it or its pet is not the caller's. */
export async function updateVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
  input: VetVisitInput,
): Promise<boolean> {
  return (await updateCareRow(user, petId, id, { ...record, values: input })) !== null;
}

/** Deletes a record; what was deleted, or null when it or its pet is not the caller's. */
export function deleteVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<Pick<VetVisit, 'id' | 'reason' | 'visitedOn'> | null> {
  return deleteCareRow(user, petId, id, {
    table: vetVisits,
    columns: { id: vetVisits.id, reason: vetVisits.reason, visitedOn: vetVisits.visitedOn },
  });
}
