// Updating a pet: optimistic concurrency on its version; a new photo pending in the row until the
// process-photo job has made it (ADR 0016); the old photo (and a still pending original) removed
// only after the row no longer points at them.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { deleteImageObjects, imageObjects, type ImageSource, type AcceptedPhoto } from '../images';
import type { SessionUser } from '../session';
import { assertRoomFor, assertStorageLeft, lockUsage, releaseUpload } from '../usage';
import { assertOriginalUnused, schedulePhotoProcessing, withPendingPhoto } from './photo-consistency';
import { findOwnRow, isPetId, petColumns, toPet, type Pet, type PetFields, type PetRecord } from './records';

/** What happens to the photo in an update: kept, replaced by a new one, or removed. */
export type PhotoChange = { kind: 'keep' } | { kind: 'replace'; source: ImageSource } | { kind: 'remove' };

export type UpdateOutcome =
  { status: 'updated'; pet: Pet } | { status: 'not_found' } | { status: 'conflict'; current: Pet };

type RowOutcome =
  | { status: 'updated'; row: PetRecord; previous: PetRecord }
  | { status: 'not_found' }
  | { status: 'conflict'; current: PetRecord };

/**
 * Applies `changes` if the pet is still at `expectedVersion` (optimistic concurrency, ADR 0006):
 * a save based on what another tab has since changed is refused, never silently merged.
 */
export async function updatePet(
  user: SessionUser,
  id: string,
  changes: Partial<PetFields>,
  expectedVersion: number | null,
  photo: PhotoChange = { kind: 'keep' },
): Promise<UpdateOutcome> {
  if (!isPetId(id)) return { status: 'not_found' };
  // Refused before any photo work when the account's storage is already full.
  if (photo.kind === 'replace') await assertRoomFor(user, { photo: true, pet: false });
  const outcome = await withPendingPhoto<RowOutcome>(
    user.id,
    photo.kind === 'replace' ? photo.source : null,
    (pending) =>
      withUser(db(), user.id, async (tx) => {
        if (pending) {
          await lockUsage(tx, user.id);
          await assertOriginalUnused(tx, user.id, pending.originalKey);
        }
        const previous = await findOwnRow(tx, user.id, id);
        if (!previous) return { status: 'not_found' };
        const versionCheck = expectedVersion === null ? undefined : eq(pets.version, expectedVersion);
        const [row] = await tx
          .update(pets)
          .set({
            ...changes,
            ...photoColumns(photo.kind, pending),
            version: sql`${pets.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(pets.id, id), eq(pets.userId, user.id), versionCheck))
          .returning(petColumns);
        if (!row) {
          const current = await findOwnRow(tx, user.id, id);
          return current ? { status: 'conflict', current } : { status: 'not_found' };
        }
        // The new original replaces the old photo's bytes; over the quota, the update rolls back.
        if (pending) {
          await releaseUpload(tx, user.id, pending.consumedUpload);
          await assertStorageLeft(tx, user.id);
        }
        return { status: 'updated', row, previous };
      }),
    (result) => result.status === 'updated',
  );
  if (outcome.status === 'not_found') return outcome;
  if (outcome.status === 'conflict') return { status: 'conflict', current: await toPet(outcome.current) };
  const { row, previous } = outcome;
  // What the row no longer points at: the old photo, and an original still waiting for its job
  // (that job then finds the row moved on and does nothing).
  const dropped = [
    ...(previous.imagePath !== row.imagePath ? imageObjects(previous.imagePath) : []),
    previous.photoOriginalKey !== row.photoOriginalKey ? previous.photoOriginalKey : null,
  ];
  await deleteImageObjects(dropped);
  if (row.photoOriginalKey && row.photoOriginalKey !== previous.photoOriginalKey)
    await schedulePhotoProcessing(user.id, row.id, row.photoOriginalKey);
  return { status: 'updated', pet: await toPet(row) };
}

/**
 * The photo columns an update writes: a replacement is pending (shown as "Processing photo…" in
 * place of the old one, ADR 0016); a removal clears the photo and any pending or failed one.
 */
function photoColumns(kind: PhotoChange['kind'], pending: AcceptedPhoto | null) {
  if (kind === 'keep' || (kind === 'replace' && !pending)) return {};
  return {
    imagePath: null,
    photoStatus: pending ? ('processing' as const) : null,
    photoOriginalKey: pending?.originalKey ?? null,
    photoBytes: pending?.bytes ?? 0,
  };
}
