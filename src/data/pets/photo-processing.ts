// The process-photo job's work (ADR 0016): turn a pet's pending original into its display image and
// thumbnail, and point the row at them in one short transaction — only if the row still holds that
// original (an edit or a delete in between wins, and what the job made is deleted). Idempotent: a
// run whose effect already happened finds the row moved on and does nothing.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { pets } from '@/db/schema';
import type { UserScope } from '@/db/with-user';
import { logger } from '@/lib/logger';
import { consumeUpload, deleteImageObjects, PhotoDecodeError, renderPendingPhoto } from '../images';
import { lockUsage, storageLeft } from '../usage';

export type PhotoProcessingOutcome = 'ready' | 'failed' | 'superseded';

/** The row of `petId` while it still waits for `originalKey`. */
function pendingRow(userId: string, petId: string, originalKey: string) {
  return and(eq(pets.id, petId), eq(pets.userId, userId), eq(pets.photoOriginalKey, originalKey));
}

export async function processPendingPhoto(
  scope: UserScope,
  petId: string,
  originalKey: string,
): Promise<PhotoProcessingOutcome> {
  const { userId, asUser } = scope;
  const [waiting] = await asUser((tx) =>
    tx
      .select({ id: pets.id })
      .from(pets)
      .where(pendingRow(userId, petId, originalKey)),
  );
  if (!waiting) return 'superseded';

  let made;
  try {
    made = await renderPendingPhoto(userId, originalKey);
  } catch (error) {
    if (!(error instanceof PhotoDecodeError)) throw error;
    return markPhotoFailed(scope, petId, originalKey, error);
  }
  const recorded = await asUser(async (tx) => {
    // The account's usage changes: serialized with its other changes (data/usage.ts).
    await lockUsage(tx, userId);
    const [row] = await tx
      .update(pets)
      .set({
        imagePath: made.imagePath,
        // The derived images replace the original in the account's storage use.
        photoBytes: made.bytes,
        photoStatus: 'ready',
        photoOriginalKey: null,
        updatedAt: sql`now()`,
      })
      .where(pendingRow(userId, petId, originalKey))
      .returning({ id: pets.id });
    if (!row) return 'superseded';
    // The derived images may be larger than the original the quota counted (a 2-colour PNG is far
    // smaller as PNG than as WebP): re-checked here, a photo that no longer fits is left out.
    if (await storageLeft(tx, userId)) return 'ready';
    await tx
      .update(pets)
      .set({ imagePath: null, photoBytes: 0, photoStatus: 'failed', updatedAt: sql`now()` })
      .where(and(eq(pets.id, petId), eq(pets.userId, userId)));
    return 'over-quota';
  });
  if (recorded !== 'ready') {
    // Edited or deleted while this job ran, or over the quota: its result is not kept.
    await deleteImageObjects([made.imagePath, made.thumbnailPath]);
    if (recorded === 'superseded') return 'superseded';
    logger().warn({ userId, petId, bytes: made.bytes }, 'processed photo does not fit the storage quota; left out');
  }
  await consumeUpload(originalKey);
  return recorded === 'ready' ? 'ready' : 'failed';
}

/**
 * The original cannot be decoded: the pet shows the failure message and no photo; the original goes
 * (as a used upload's tombstone, so its URL cannot store it again).
 */
async function markPhotoFailed(
  scope: UserScope,
  petId: string,
  originalKey: string,
  error: PhotoDecodeError,
): Promise<PhotoProcessingOutcome> {
  const { userId, asUser } = scope;
  const updated = await asUser(async (tx) => {
    await lockUsage(tx, userId);
    return tx
      .update(pets)
      .set({ photoStatus: 'failed', photoOriginalKey: null, photoBytes: 0, updatedAt: sql`now()` })
      .where(pendingRow(userId, petId, originalKey))
      .returning({ id: pets.id });
  });
  if (updated.length === 0) return 'superseded';
  logger().warn({ userId, petId, reason: error.message }, 'photo could not be processed; left out');
  await consumeUpload(originalKey);
  return 'failed';
}
