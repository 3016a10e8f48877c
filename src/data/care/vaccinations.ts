// The vaccinations DAL: every function takes the verified user, works on one pet the caller may
// see (onCarePet: findCarePet under row-level security, whose policies join through the pet),
// filters by that pet itself, selects explicit columns and returns plain DTOs.
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { vaccinations } from '@/db/schema';
import type { VaccinationInput } from '@/lib/validations/vaccination';
import type { SessionUser } from '../session';
import { careSubmissionKey, isCareRecordId, onCarePet } from './access';
import { assertRoomForCareRecord } from './limits';
import type { CarePet } from './pet-access';

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
  /** Days before it is due that reminders start; null: none. */
  remindDaysBefore: number | null;
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
  remindDaysBefore: vaccinations.remindDaysBefore,
  createdAt: vaccinations.createdAt,
  updatedAt: vaccinations.updatedAt,
};

type Row = Pick<typeof vaccinations.$inferSelect, keyof typeof columns>;

/** What vaccinationStatuses reads of each shot, with its pet: for reads across several pets. */
export const statusColumns = {
  id: vaccinations.id,
  petId: vaccinations.petId,
  vaccine: vaccinations.vaccine,
  givenOn: vaccinations.givenOn,
  nextDueOn: vaccinations.nextDueOn,
};

function toVaccination(row: Row): Vaccination {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const ofPet = (petId: string, id: string) => and(eq(vaccinations.id, id), eq(vaccinations.petId, petId));

/**
 * The pet's vaccinations, newest first (by date given, then by entry) — the newest `limit` only when
 * given — or null when the pet is not the caller's.
 */
export function listVaccinations(
  user: SessionUser,
  petId: string,
  options: { limit?: number } = {},
): Promise<Vaccination[] | null> {
  return onCarePet(user, petId, { lock: false }, async (tx) => {
    const query = tx
      .select(columns)
      .from(vaccinations)
      .where(eq(vaccinations.petId, petId))
      .orderBy(desc(vaccinations.givenOn), desc(vaccinations.createdAt), desc(vaccinations.id));
    const rows = await (options.limit === undefined ? query : query.limit(options.limit));
    return rows.map(toVaccination);
  });
}

/** One vaccination with its pet, or null when either is missing, foreign, or not a UUID. */
export async function getVaccination(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; vaccination: Vaccination } | null> {
  if (!isCareRecordId(id)) return null;
  const found = await onCarePet(user, petId, { lock: false }, async (tx, pet) => {
    const [row] = await tx.select(columns).from(vaccinations).where(ofPet(petId, id));
    return row ? { pet, vaccination: toVaccination(row) } : null;
  });
  return found ?? null;
}

async function findSubmitted(tx: Transaction, petId: string, key: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: vaccinations.id })
    .from(vaccinations)
    .where(and(eq(vaccinations.petId, petId), eq(vaccinations.submissionId, key)));
  return row?.id ?? null;
}

/**
 * Adds a vaccination to the caller's pet; null when the pet is not the caller's. The same
 * `submissionId` twice yields the first one's record (`created: false`) and stores nothing more.
 * Throws CareLimitError at a limit (nothing stored).
 */
export async function createVaccination(
  user: SessionUser,
  petId: string,
  input: VaccinationInput,
  submissionId: string | null,
): Promise<{ id: string; created: boolean } | null> {
  const key = careSubmissionKey(submissionId);
  return onCarePet(user, petId, { lock: true }, async (tx) => {
    // The pet row is locked: a twin of this submission has committed already or waits behind us.
    const earlier = key ? await findSubmitted(tx, petId, key) : null;
    if (earlier) return { id: earlier, created: false };
    await assertRoomForCareRecord(tx, user.id, petId, 'vaccination');
    const [row] = await tx
      .insert(vaccinations)
      .values({ ...input, petId, createdBy: user.id, submissionId: key })
      .returning({ id: vaccinations.id });
    if (!row) throw new Error('insert of a vaccination returned no row');
    return { id: row.id, created: true };
  });
}

/** Replaces a vaccination's fields; false (nothing changed) when it or its pet is not the caller's. */
export async function updateVaccination(
  user: SessionUser,
  petId: string,
  id: string,
  input: VaccinationInput,
): Promise<boolean> {
  if (!isCareRecordId(id)) return false;
  const updated = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const rows = await tx.update(vaccinations).set(input).where(ofPet(petId, id)).returning({ id: vaccinations.id });
    return rows.length > 0;
  });
  return updated ?? false;
}

/** Deletes a vaccination; what was deleted, or null when it or its pet is not the caller's. */
export async function deleteVaccination(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<Pick<Vaccination, 'id' | 'vaccine' | 'givenOn'> | null> {
  if (!isCareRecordId(id)) return null;
  const deleted = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const [row] = await tx
      .delete(vaccinations)
      .where(ofPet(petId, id))
      .returning({ id: vaccinations.id, vaccine: vaccinations.vaccine, givenOn: vaccinations.givenOn });
    return row ?? null;
  });
  return deleted ?? null;
}
