// The vet visits DAL: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the vet visit's columns, order and DTO.
import 'server-only';
import { desc } from 'drizzle-orm';
import { vetVisits } from '@/db/schema';
import type { VetVisitInput } from '@/lib/validations/vet-visit';
import { deleteImageObjects } from '../images';
import type { SessionUser } from '../session';
import { careRecordStore, withTextTimes } from './records';
import { visitDocumentKeys } from './visit-documents';

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

const store = careRecordStore({
  kind: 'visit',
  table: vetVisits,
  columns,
  order: [desc(vetVisits.visitedOn), desc(vetVisits.createdAt), desc(vetVisits.id)],
  toRecord: (row: Pick<typeof vetVisits.$inferSelect, keyof typeof columns>): VetVisit => withTextTimes(row),
  values: (input: VetVisitInput) => input,
});

// listVetVisits: the pet's vet visits, newest first (by date, then by entry) — the newest `limit` only
// when given — with how many it has in all, or null when the pet is not the caller's.
export const { list: listVetVisits, get: getVetVisit, create: createVetVisit, update: updateVetVisit } = store;

/**
 * Deletes a vet visit (its documents' rows go with it: cascade), then its documents' objects; what was
 * deleted, or null when it or its pet is not the caller's. The keys are read just before: a document
 * added in between (adding and deleting both lock the pet) is left to the storage sweep.
 */
export async function deleteVetVisit(user: SessionUser, petId: string, id: string): Promise<VetVisit | null> {
  const documents = await visitDocumentKeys(user, petId, id);
  const deleted = await store.remove(user, petId, id);
  if (deleted) await deleteImageObjects(documents);
  return deleted;
}
