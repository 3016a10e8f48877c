// The care records of pets.json (docs/data-export-format.md): each kind read for the whole account in
// one query, through the run's row-level-security transaction, and mapped field by field — the
// user's data, never a row (no creator, submission key or internal ids beyond the record's own).
import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets, vaccinations, vetVisits, weightRecords } from '@/db/schema';
import { exportedMedications, type PetsJsonMedication } from '../care/medications/export';
import { exportedVisitDocuments, type ArchiveFile, type PetsJsonVisitDocument } from './visit-documents';

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

/** A vet visit in pets.json. */
export type PetsJsonVisit = {
  id: string;
  /** YYYY-MM-DD (may be ahead: a booked visit) */
  visitedOn: string;
  reason: string;
  clinic: string | null;
  notes: string | null;
  /** Whole cents (no currency is recorded), or null */
  costCents: number | null;
  /** ISO 8601, UTC */
  createdAt: string;
  updatedAt: string;
  /** Its attached documents, oldest first (their files are in the archive). */
  documents: PetsJsonVisitDocument[];
};

/** A weighing in pets.json: the day, whole grams (whatever unit the account shows), the note. */
export type PetsJsonWeight = { date: string; grams: number; note: string | null };

export type PetsJsonCareRecords = {
  vaccinations: PetsJsonVaccination[];
  medications: PetsJsonMedication[];
  visits: PetsJsonVisit[];
  /** Every weighing, oldest first. */
  weights: PetsJsonWeight[];
};

/** The columns of `vaccinations` an export reads (besides `pet_id`, which places the record). */
export const exportedVaccinationColumns = {
  id: vaccinations.id,
  vaccine: vaccinations.vaccine,
  givenOn: vaccinations.givenOn,
  nextDueOn: vaccinations.nextDueOn,
  clinic: vaccinations.clinic,
  batchNumber: vaccinations.batchNumber,
  notes: vaccinations.notes,
  createdAt: vaccinations.createdAt,
  updatedAt: vaccinations.updatedAt,
};

/** The columns of `vet_visits` an export reads (besides `pet_id`). */
export const exportedVisitColumns = {
  id: vetVisits.id,
  visitedOn: vetVisits.visitedOn,
  reason: vetVisits.reason,
  clinic: vetVisits.clinic,
  notes: vetVisits.notes,
  costCents: vetVisits.costCents,
  createdAt: vetVisits.createdAt,
  updatedAt: vetVisits.updatedAt,
};

/** The columns of `weight_records` an export reads (besides `pet_id`): nothing else leaves (who
 * entered it, the form's key, the record's id and times). */
export const exportedWeightColumns = {
  date: weightRecords.weighedOn,
  grams: weightRecords.grams,
  note: weightRecords.note,
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

/** Every care record of the user's pets, per pet id, oldest first (the order they were given), and the
 * visit documents' files the archive holds. */
export async function exportedCareRecords(
  tx: Transaction,
  userId: string,
): Promise<{ careOf: (petId: string) => PetsJsonCareRecords; documentFiles: ArchiveFile[] }> {
  const ownPets = tx.select({ id: pets.id }).from(pets).where(eq(pets.userId, userId));
  const vaccinationRows = await tx
    .select({ ...exportedVaccinationColumns, petId: vaccinations.petId })
    .from(vaccinations)
    .where(inArray(vaccinations.petId, ownPets))
    .orderBy(asc(vaccinations.givenOn), asc(vaccinations.createdAt), asc(vaccinations.id));
  const visitRows = await tx
    .select({ ...exportedVisitColumns, petId: vetVisits.petId })
    .from(vetVisits)
    .where(inArray(vetVisits.petId, ownPets))
    .orderBy(asc(vetVisits.visitedOn), asc(vetVisits.createdAt), asc(vetVisits.id));
  const weightRows = await tx
    .select({ ...exportedWeightColumns, petId: weightRecords.petId })
    .from(weightRecords)
    .where(inArray(weightRecords.petId, ownPets))
    .orderBy(asc(weightRecords.weighedOn), asc(weightRecords.createdAt), asc(weightRecords.id));
  const vaccinationsByPet = groupByPet<PetsJsonVaccination>(vaccinationRows.map(instants));
  const medicationsByPet = await exportedMedications(tx, userId);
  const documents = await exportedVisitDocuments(tx, userId);
  const visitsByPet = groupByPet<PetsJsonVisit>(
    visitRows.map((visit) => ({ ...instants(visit), documents: documents.byVisit.get(visit.id) ?? [] })),
  );
  const weightsByPet = groupByPet<PetsJsonWeight>(weightRows);
  const careOf = (pet: string) => ({
    vaccinations: vaccinationsByPet.get(pet) ?? [],
    medications: medicationsByPet.get(pet) ?? [],
    visits: visitsByPet.get(pet) ?? [],
    weights: weightsByPet.get(pet) ?? [],
  });
  return { careOf, documentFiles: documents.files };
}

/**
 * What an export of the account's care will hold, for the estimate of its size before it starts:
 * how many care records pets.json lists (documents' entries included), and the documents' bytes the
 * archive holds as files.
 */
export async function careExportSize(
  tx: Transaction,
  userId: string,
): Promise<{ records: number; documentBytes: number }> {
  const result = (await tx.execute(sql`
    with own_pets as (select id from pets where user_id = ${userId}),
         own_visits as (select id from vet_visits where pet_id in (select id from own_pets)),
         own_documents as (select byte_size from visit_documents where visit_id in (select id from own_visits))
    select
      (select count(*) from vaccinations where pet_id in (select id from own_pets))
      + (select count(*) from own_visits)
      + (select count(*) from medications where pet_id in (select id from own_pets))
      + (select count(*) from medication_doses
         where medication_id in (select id from medications where pet_id in (select id from own_pets)))
      + (select count(*) from weight_records where pet_id in (select id from own_pets))
      + (select count(*) from own_documents) as records,
      (select coalesce(sum(byte_size), 0) from own_documents) as document_bytes`)) as unknown as {
    rows: { records: string | number; document_bytes: string | number }[];
  };
  const row = result.rows[0];
  return { records: Number(row?.records ?? 0), documentBytes: Number(row?.document_bytes ?? 0) };
}
