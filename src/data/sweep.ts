// Sweeps storage for objects no pet or vet visit document points at (uploads never submitted, photos of a failed
// write, the empty tombstones of used uploads, originals of abandoned photo processing; an original a
// pending job needs is kept): every 15 minutes as a scheduled job (src/jobs), and by `npm run storage:sweep`. Maintenance with no session:
// it reads each user's references as that user (withUser), so row-level security still holds.
import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets, visitDocuments } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import { storage } from '@/storage';
import { imageObjects, isUploadTombstone, UPLOAD_TOMBSTONE_MS } from './image-keys';

/**
 * Long enough for a user to pick a photo, fill in the form and submit; short enough that uploads
 * nobody submits cannot fill the disk: an account can ask for many upload URLs a minute.
 */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

// Only the photo folders: data exports beside them (`{user}/exports/`) have their own clean-up job.
const PHOTO_FOLDER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/pets\//;

export type SweepReport = { examined: number; deleted: string[] };

/**
 * The keys the user's rows point at: photos, and originals a process-photo job still needs. First, a
 * photo still "processing" with no change for longer than the grace was abandoned (its job failed
 * for good, or was never sent): it is marked failed, so the user is told, and its original is no
 * longer referenced.
 */
async function referencedKeys(userId: string, graceMs: number): Promise<Set<string>> {
  const rows = await withUser(db(), userId, async (tx) => {
    const abandoned = await tx
      .update(pets)
      .set({ photoStatus: 'failed', photoOriginalKey: null, photoBytes: 0 })
      .where(
        and(
          eq(pets.userId, userId),
          eq(pets.photoStatus, 'processing'),
          lt(pets.updatedAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
        ),
      )
      .returning({ id: pets.id });
    if (abandoned.length > 0)
      logger().warn({ userId, pets: abandoned.length }, 'abandoned photo processing marked failed');
    const photos = await tx.select({ imagePath: pets.imagePath, originalKey: pets.photoOriginalKey }).from(pets);
    // Vet visit documents live beside the photos (ADR 0036): an added document is referenced by its row.
    const documents = await tx.select({ key: visitDocuments.storageKey }).from(visitDocuments);
    return { photos, documents };
  });
  return new Set([
    ...rows.photos.flatMap((row) => [...imageObjects(row.imagePath), ...(row.originalKey ? [row.originalKey] : [])]),
    ...rows.documents.map((row) => row.key),
  ]);
}

export async function sweepUnreferencedObjects(options: { graceMs?: number; now?: Date } = {}): Promise<SweepReport> {
  const now = (options.now ?? new Date()).getTime();
  const graceMs = options.graceMs ?? SWEEP_GRACE_MS;
  const cutoff = now - graceMs;
  // A used upload's tombstone only has to outlive the upload URLs for its key.
  const tombstoneCutoff = now - Math.min(graceMs, UPLOAD_TOMBSTONE_MS);
  const candidates = new Map<string, string[]>();
  let examined = 0;
  for await (const object of storage().list('')) {
    examined++;
    const owner = PHOTO_FOLDER.exec(object.key)?.[1];
    // Anything outside a photo folder is not ours to judge (exports have their own clean-up); anything
    // recent may be in flight.
    if (!owner || object.lastModified.getTime() > (isUploadTombstone(object) ? tombstoneCutoff : cutoff)) continue;
    candidates.set(owner, [...(candidates.get(owner) ?? []), object.key]);
  }
  const deleted: string[] = [];
  for (const [owner, keys] of candidates) {
    const referenced = await referencedKeys(owner, options.graceMs ?? SWEEP_GRACE_MS);
    const orphans = keys.filter((key) => !referenced.has(key));
    if (orphans.length > 0) {
      await storage().delete(orphans);
      deleted.push(...orphans);
    }
  }
  if (deleted.length > 0)
    logger().info({ examined, deleted: deleted.length }, 'storage sweep removed unreferenced objects');
  return { examined, deleted };
}
