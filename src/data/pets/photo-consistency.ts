// Keeps photos and rows consistent: a row never points at a missing photo, and a photo is never
// left behind without a row, whatever fails between storing the photo and writing the row.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import { consumeUpload, deleteImageObjects, storeImage, type ImageSource, type StoredImage } from '../images';

/**
 * Runs `write` with a freshly stored photo (or none when `source` is null). If the write fails or
 * `keep` says its result does not use the photo, the photo's objects are removed; if it is kept,
 * the upload it was made from is consumed instead (left as a tombstone its URL cannot write over).
 */
export async function withStoredImage<T>(
  userId: string,
  source: ImageSource | null,
  write: (image: StoredImage | null) => Promise<T>,
  keep: (result: T) => boolean,
): Promise<T> {
  const image = source ? await storeImage(userId, source) : null;
  let result: T;
  try {
    result = await write(image);
  } catch (error) {
    // A failed write may still have committed: the connection can die after COMMIT reached the
    // database and before its answer came back, and then a row points at this photo. So delete
    // only when the database says no row points at it; when it cannot say (still down), keep the
    // objects: the sweep removes them later if no row does.
    if (image && (await isImageReferenced(userId, image.imagePath)) === false) {
      await deleteImageObjects([image.imagePath, image.thumbnailPath]);
    }
    throw error;
  }
  if (image && !keep(result)) await deleteImageObjects([image.imagePath, image.thumbnailPath]);
  if (image && keep(result)) await consumeUpload(image.consumedUpload);
  return result;
}

/** Whether one of the user's rows points at `imagePath`: true, false, or null when the database cannot say. */
async function isImageReferenced(userId: string, imagePath: string): Promise<boolean | null> {
  // Twice: right after a connection died the pool may still hand out another pooled connection
  // that died with it; the second attempt gets a fresh one.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const rows = await withUser(db(), userId, (tx) =>
        tx
          .select({ id: pets.id })
          .from(pets)
          .where(and(eq(pets.userId, userId), eq(pets.imagePath, imagePath)))
          .limit(1),
      );
      return rows.length > 0;
    } catch (error) {
      logger().warn({ err: error, attempt }, 'could not tell whether a stored photo is in use');
    }
  }
  return null;
}
