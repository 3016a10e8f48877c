// Keeps photos and rows consistent: a row never points at a missing original or photo, and an
// original the request stored is never left behind without a row, whatever fails between storing
// it and writing the row. After the write commits, the process-photo job is sent (ADR 0016).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { IMAGE_MESSAGES } from '@/lib/validations/rules';
import { logger } from '@/lib/logger';
import { processPhotoJob } from '@/queue/jobs';
import { sendJob } from '@/queue/send';
import { acceptPhoto, deleteImageObjects, ImageRejectedError, type ImageSource, type AcceptedPhoto } from '../images';

/**
 * Runs `write` with a photo accepted for processing (or none when `source` is null). If the write
 * fails or `keep` says its result does not use the photo, an original the request stored itself
 * is removed (an upload stays: the user may submit it again, and the sweep removes it if not).
 */
export async function withPendingPhoto<T>(
  userId: string,
  source: ImageSource | null,
  write: (photo: AcceptedPhoto | null) => Promise<T>,
  keep: (result: T) => boolean,
): Promise<T> {
  const photo = source ? await acceptPhoto(userId, source) : null;
  let result: T;
  try {
    result = await write(photo);
  } catch (error) {
    // A failed write may still have committed: the connection can die after COMMIT reached the
    // database and before its answer came back, and then a row points at this original. So ask the
    // database which row holds it. One does: the write happened, and its job was never sent (that
    // happens after the write returns), so send it now rather than minutes later, when
    // resume-stalled-work would (the send is idempotent per original, so a row that already had its
    // job gets nothing more). None does: an original the request stored itself is deleted. The
    // database cannot say (still down): keep it; the sweep removes it later if no row holds it.
    if (photo) {
      const holder = await rowHoldingOriginal(userId, photo.originalKey);
      if (holder) await schedulePhotoProcessing(userId, holder, photo.originalKey);
      else if (holder === null && photo.storedByRequest) await deleteImageObjects([photo.originalKey]);
    }
    throw error;
  }
  if (photo?.storedByRequest && !keep(result)) await deleteImageObjects([photo.originalKey]);
  return result;
}

/**
 * Inside the row's transaction (under the account's usage lock): an original becomes one pet's
 * photo only, so the same upload submitted for two pets is refused the second time, as a used
 * upload always was.
 */
export async function assertOriginalUnused(tx: Transaction, userId: string, originalKey: string): Promise<void> {
  const [used] = await tx
    .select({ id: pets.id })
    .from(pets)
    .where(and(eq(pets.userId, userId), eq(pets.photoOriginalKey, originalKey)))
    .limit(1);
  if (used) throw new ImageRejectedError(IMAGE_MESSAGES.uploadFailed);
}

/**
 * Sends the process-photo job for a pet whose row now holds `originalKey` (after the commit: the
 * job must find it). Once per original: true when this call sent it, false when it was sent before
 * or the queue could not take it. Then resume-stalled-work sends it a few minutes later
 * (data/stalled-work.ts): the save itself succeeded and is not undone.
 */
export async function schedulePhotoProcessing(userId: string, petId: string, originalKey: string): Promise<boolean> {
  try {
    return (await sendJob(processPhotoJob, { userId, petId, originalKey }, { key: originalKey })) !== null;
  } catch (error) {
    logger().error({ err: error, userId, petId }, 'could not send the process-photo job');
    return false;
  }
}

/** The id of the user's row holding `originalKey`, null when none does, undefined when the database cannot say. */
async function rowHoldingOriginal(userId: string, originalKey: string): Promise<string | null | undefined> {
  // Three tries, a moment apart: right after a connection died the pool may still hand out other
  // pooled connections that died with it (their reset not yet noticed); the pause lets the pool
  // see those resets and drop them, so a later try gets a fresh connection.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    try {
      const [row] = await withUser(db(), userId, (tx) =>
        tx
          .select({ id: pets.id })
          .from(pets)
          .where(and(eq(pets.userId, userId), eq(pets.photoOriginalKey, originalKey)))
          .limit(1),
      );
      return row?.id ?? null;
    } catch (error) {
      logger().warn({ err: error, attempt }, 'could not tell whether a stored photo is in use');
    }
  }
  return undefined;
}
