// The care records of pets.json (docs/data-export-format.md): each kind read for the whole account in
// one query, through the run's row-level-security transaction, and mapped field by field — the
// user's data, never a row (no creator, submission key or internal ids beyond the record's own).
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets, vaccinations } from '@/db/schema';

/** A vaccination in pets.json. */
export type PetsJsonVaccination = {
  id: string;
  vaccine: string;
  /** YYYY-MM-DD */
  givenOn: string;
  /** YYYY-MM-DD, or null */
  nextDueOn: string | null;
  clinic: string | null;
  batchNumber: string | null;
  notes: string | null;
  /** ISO 8601, UTC */
  createdAt: string;
  updatedAt: string;
};

export type PetsJsonCareRecords = { vaccinations: PetsJsonVaccination[] };

const { id, vaccine, givenOn, nextDueOn, clinic, batchNumber, notes, createdAt, updatedAt, petId } = vaccinations;
/** The columns of `vaccinations` an export reads (besides `pet_id`, which places the record). */
export const exportedVaccinationColumns = {
  id,
  vaccine,
  givenOn,
  nextDueOn,
  clinic,
  batchNumber,
  notes,
  createdAt,
  updatedAt,
};

function groupByPet<T>(rows: (T & { petId: string })[]): Map<string, T[]> {
  const byPet = new Map<string, T[]>();
  for (const { petId: pet, ...record } of rows) {
    const list = byPet.get(pet) ?? [];
    list.push(record as T);
    byPet.set(pet, list);
  }
  return byPet;
}

const instants = <T extends { createdAt: Date; updatedAt: Date }>(record: T) => ({
  ...record,
  createdAt: record.createdAt.toISOString(),
  updatedAt: record.updatedAt.toISOString(),
});

/** Every care record of the user's pets, per pet id, oldest first (the order they were given). */
export async function exportedCareRecords(
  tx: Transaction,
  userId: string,
): Promise<(petId: string) => PetsJsonCareRecords> {
  const ownPets = tx.select({ id: pets.id }).from(pets).where(eq(pets.userId, userId));
  const vaccinationRows = await tx
    .select({ ...exportedVaccinationColumns, petId })
    .from(vaccinations)
    .where(inArray(petId, ownPets))
    .orderBy(asc(givenOn), asc(createdAt), asc(id));
  const vaccinationsByPet = groupByPet(vaccinationRows.map(instants));
  return (pet) => ({ vaccinations: vaccinationsByPet.get(pet) ?? [] });
}
