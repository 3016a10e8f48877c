// Updating a pet: optimistic concurrency on its version, and the old photo removed only after the
// row no longer points at it.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { deleteImageObjects, imageObjects, type ImageSource } from '../images';
import type { SessionUser } from '../session';
import { assertRoomFor, assertStorageLeft, lockUsage, releaseUpload } from '../usage';
import { withStoredImage } from './photo-consistency';
import { findOwnRow, isPetId, petColumns, toPet, type Pet, type PetFields, type PetRecord } from './records';

/** What happens to the photo in an update: kept, replaced by a new one, or removed. */
export type PhotoChange = { kind: 'keep' } | { kind: 'replace'; source: ImageSource } | { kind: 'remove' };

export type UpdateOutcome =
  { status: 'updated'; pet: Pet; previous: Pet } | { status: 'not_found' } | { status: 'conflict'; current: Pet };

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
  const outcome = await withStoredImage<RowOutcome>(
    user.id,
    photo.kind === 'replace' ? photo.source : null,
    (stored) =>
      withUser(db(), user.id, async (tx) => {
        if (stored) await lockUsage(tx, user.id);
        const previous = await findOwnRow(tx, user.id, id);
        if (!previous) return { status: 'not_found' };
        // A photo was stored exactly when one replaces the old; otherwise remove or keep it.
        const imagePath = stored ? stored.imagePath : photo.kind === 'remove' ? null : undefined;
        const versionCheck = expectedVersion === null ? undefined : eq(pets.version, expectedVersion);
        const [row] = await tx
          .update(pets)
          .set({
            ...changes,
            ...(imagePath !== undefined ? { imagePath, photoBytes: stored?.bytes ?? 0 } : {}),
            version: sql`${pets.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(pets.id, id), eq(pets.userId, user.id), versionCheck))
          .returning(petColumns);
        if (!row) {
          const current = await findOwnRow(tx, user.id, id);
          return current ? { status: 'conflict', current } : { status: 'not_found' };
        }
        // The new photo replaces the old one's bytes; over the quota, the update rolls back.
        if (stored) {
          await releaseUpload(tx, user.id, stored.consumedUpload);
          await assertStorageLeft(tx, user.id);
        }
        return { status: 'updated', row, previous };
      }),
    (result) => result.status === 'updated',
  );
  if (outcome.status === 'not_found') return outcome;
  if (outcome.status === 'conflict') return { status: 'conflict', current: await toPet(outcome.current) };
  if (outcome.previous.imagePath && outcome.previous.imagePath !== outcome.row.imagePath) {
    await deleteImageObjects(imageObjects(outcome.previous.imagePath));
  }
  return { status: 'updated', pet: await toPet(outcome.row), previous: await toPet(outcome.previous) };
}
