// The vet visits DAL: every function takes the verified user, works on one pet the caller may see
// (onCarePet: findCarePet under row-level security, whose policies join through the pet), filters
// by that pet itself, selects explicit columns and returns plain DTOs.
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { vetVisits } from '@/db/schema';
import type { VetVisitInput } from '@/lib/validations/vet-visit';
import type { SessionUser } from '../session';
import { careSubmissionKey, isCareRecordId, onCarePet } from './access';
import { assertRoomForCareRecord } from './limits';
import type { CarePet } from './pet-access';

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
  /** Days before the visit that reminders start; null: none. */
  remindDaysBefore: number | null;
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
  remindDaysBefore: vetVisits.remindDaysBefore,
  createdAt: vetVisits.createdAt,
  updatedAt: vetVisits.updatedAt,
};

type Row = Pick<typeof vetVisits.$inferSelect, keyof typeof columns>;

function toVetVisit(row: Row): VetVisit {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const ofPet = (petId: string, id: string) => and(eq(vetVisits.id, id), eq(vetVisits.petId, petId));

/**
 * The pet's vet visits, newest first (by date, then by entry) — the newest `limit` only when given —
 * or null when the pet is not the caller's.
 */
export function listVetVisits(
  user: SessionUser,
  petId: string,
  options: { limit?: number } = {},
): Promise<VetVisit[] | null> {
  return onCarePet(user, petId, { lock: false }, async (tx) => {
    const query = tx
      .select(columns)
      .from(vetVisits)
      .where(eq(vetVisits.petId, petId))
      .orderBy(desc(vetVisits.visitedOn), desc(vetVisits.createdAt), desc(vetVisits.id));
    const rows = await (options.limit === undefined ? query : query.limit(options.limit));
    return rows.map(toVetVisit);
  });
}

/** One vet visit with its pet, or null when either is missing, foreign, or not a UUID. */
export async function getVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ pet: CarePet; visit: VetVisit } | null> {
  if (!isCareRecordId(id)) return null;
  const found = await onCarePet(user, petId, { lock: false }, async (tx, pet) => {
    const [row] = await tx.select(columns).from(vetVisits).where(ofPet(petId, id));
    return row ? { pet, visit: toVetVisit(row) } : null;
  });
  return found ?? null;
}

async function findSubmitted(tx: Transaction, petId: string, key: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: vetVisits.id })
    .from(vetVisits)
    .where(and(eq(vetVisits.petId, petId), eq(vetVisits.submissionId, key)));
  return row?.id ?? null;
}

/**
 * Adds a vet visit to the caller's pet; null when the pet is not the caller's. The same
 * `submissionId` twice yields the first one's record (`created: false`) and stores nothing more.
 * Throws CareLimitError at a limit (nothing stored).
 */
export async function createVetVisit(
  user: SessionUser,
  petId: string,
  input: VetVisitInput,
  submissionId: string | null,
): Promise<{ id: string; created: boolean } | null> {
  const key = careSubmissionKey(submissionId);
  return onCarePet(user, petId, { lock: true }, async (tx) => {
    // The pet row is locked: a twin of this submission has committed already or waits behind us.
    const earlier = key ? await findSubmitted(tx, petId, key) : null;
    if (earlier) return { id: earlier, created: false };
    await assertRoomForCareRecord(tx, user.id, petId, 'visit');
    const [row] = await tx
      .insert(vetVisits)
      .values({ ...input, petId, createdBy: user.id, submissionId: key })
      .returning({ id: vetVisits.id });
    if (!row) throw new Error('insert of a vet visit returned no row');
    return { id: row.id, created: true };
  });
}

/** Replaces a vet visit's fields; false (nothing changed) when it or its pet is not the caller's. */
export async function updateVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
  input: VetVisitInput,
): Promise<boolean> {
  if (!isCareRecordId(id)) return false;
  const updated = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const rows = await tx.update(vetVisits).set(input).where(ofPet(petId, id)).returning({ id: vetVisits.id });
    return rows.length > 0;
  });
  return updated ?? false;
}

/** Deletes a vet visit; what was deleted, or null when it or its pet is not the caller's. */
export async function deleteVetVisit(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<Pick<VetVisit, 'id' | 'reason' | 'visitedOn'> | null> {
  if (!isCareRecordId(id)) return null;
  const deleted = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const [row] = await tx
      .delete(vetVisits)
      .where(ofPet(petId, id))
      .returning({ id: vetVisits.id, reason: vetVisits.reason, visitedOn: vetVisits.visitedOn });
    return row ?? null;
  });
  return deleted ?? null;
}
