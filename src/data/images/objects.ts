// Deleting a photo's objects, and marking a used upload (its tombstone): failures are logged, never
// thrown, because the row is already right and the sweep removes what is left.
import 'server-only';
import { logger } from '@/lib/logger';
import { storage } from '@/storage';

/**
 * Objects of a photo that no row points at any more. Failures are logged, not thrown: the row is
 * already right, and the sweep (storage:sweep) removes objects no pet points at.
 */
export async function deleteImageObjects(keys: readonly (string | null | undefined)[]): Promise<void> {
  const present = keys.filter((key): key is string => typeof key === 'string' && key.length > 0);
  if (present.length === 0) return;
  try {
    await storage().delete(present);
  } catch (error) {
    logger().warn({ err: error, keys: present.length }, 'photo objects left to the storage sweep');
  }
}

const TOMBSTONE = Buffer.alloc(0);

/**
 * Marks an upload as used once the photo job is done with it (made or failed): the object is replaced by
 * an empty tombstone rather than deleted. Its signed URL may still be valid (UPLOAD_URL_SECONDS),
 * and a URL stores only where nothing is (local disk links into place, S3 checks
 * If-None-Match: *); a deleted key would take a replayed PUT again — bytes no quota counts,
 * since the upload's reservation is released. The sweep removes tombstones once no URL for them
 * can be valid (sweep.ts). Failures are logged: the upload then stays whole, which still refuses
 * a replay, until the sweep removes it.
 */
export async function consumeUpload(storagePath: string | null): Promise<void> {
  if (!storagePath) return;
  try {
    await storage().put(storagePath, TOMBSTONE, { contentType: 'application/octet-stream' });
  } catch (error) {
    logger().warn({ err: error }, 'used upload left whole for the storage sweep');
  }
}
