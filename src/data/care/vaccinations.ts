// The vaccinations DAL: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the vaccination's columns, order and DTO.
import 'server-only';
import { desc } from 'drizzle-orm';
import { vaccinations } from '@/db/schema';
import type { VaccinationInput } from '@/lib/validations/vaccination';
import type { SessionUser } from '../session';
import type { CarePet } from './pet-access';
import { createCareRow, deleteCareRow, getCareRow, listCareRows, updateCareRow } from './records';

export type Vaccination = {
  id: string;
  petId: string;
  vaccine: string;
  /** YYYY-MM-DD */
  givenOn: string;
  /** YYYY-MM-DD, or null when none is set. */
  nextDueOn: string | null;
  clinic: string | null;
  batchNumber: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};

const columns = {
  id: vaccinations.id,
  petId: vaccinations.petId,
  vaccine: vaccinations.vaccine,
  givenOn: vaccinations.givenOn,
  nextDueOn: vaccinations.nextDueOn,
  clinic: vaccinations.clinic,
  batchNumber: vaccinations.batchNumber,
  notes: vaccinations.notes,
  createdAt: vaccinations.createdAt,
  updatedAt: vaccinations.updatedAt,
};

type Row = Pick<typeof vaccinations.$inferSelect, keyof typeof columns>;

function toVaccination(row: Row): Vaccination {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const record = { table: vaccinations, columns };

/** The pet's vaccinations, newest first (by date, then by entry), or null when the pet is not the caller's. */
export async function listVaccinations(user: SessionUser, petId: string): Promise<Vaccination[] | null> {
  const order = [desc(vaccinations.givenOn), desc(vaccinations.createdAt), desc(vaccinations.id)];
  const found = await listCareRows<Row>(user, petId, { ...record, order });
  return found && found.rows.map(toVaccination);
}

/** One record with its pet, or null when either is missing, foreign, or not a UUID. */
export async function getVaccination(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; vaccination: Vaccination } | null> {
  const found = await getCareRow<Row>(user, petId, id, record);
  return found && { pet: found.pet, vaccination: toVaccination(found.row) };
}

/**
 * Adds a record to the caller's pet; null when the pet is not the caller's. The same `submissionId`
 * twice yields the first one's record (`created: false`). Throws CareLimitError at a limit.
 */
export async function createVaccination(
  user: SessionUser,
  petId: string,
  input: VaccinationInput,
  submissionId: string | null,
): Promise<{ id: string; created: boolean } | null> {
  const kind = 'vaccination';
  const saved = await createCareRow<{ id: string }>(user, petId, { kind, ...record, values: input }, submissionId);
  return saved && { id: saved.row.id, created: saved.created };
}

/** Replaces a record's fields; false (nothing changed) when it or its pet is not the caller's. */
export async function updateVaccination(
  user: SessionUser,
  petId: string,
  id: string,
  input: VaccinationInput,
): Promise<boolean> {
  return (await updateCareRow(user, petId, id, { ...record, values: input })) !== null;
}

/** Deletes a record; what was deleted, or null when it or its pet is not the caller's. */
export function deleteVaccination(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<Pick<Vaccination, 'id' | 'vaccine' | 'givenOn'> | null> {
  return deleteCareRow(user, petId, id, {
    table: vaccinations,
    columns: { id: vaccinations.id, vaccine: vaccinations.vaccine, givenOn: vaccinations.givenOn },
  });
}
