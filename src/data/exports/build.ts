// The export-user-data job's work (ADR 0015): a ZIP of pets.json, each pet's stored display image and
// each vet visit's documents (ADR 0036),
// written into the user's own folder through the run's `asUser` (row-level security holds).
import 'server-only';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { dataExports, pets } from '@/db/schema';
import type { UserScope } from '@/db/with-user';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { exportTooLargeMessage } from '@/lib/rate-limit';
import { storage } from '@/storage';
import { accountEmail } from '../account-email';
import { lockUsage, storageLeft } from '../usage';
import { exportedCareRecords } from './care-records';
import type { ArchiveFile } from './visit-documents';
import { exportedPetColumns, petsJson, photoEntryName, toPetsJsonPet, type PetsJsonPet } from './pets-json';
import { EXPORT_RETENTION_DAYS, failExport, findOwnExport, ownExport } from './records';

export type ExportBuildResult =
  /** The ZIP is stored and the row is ready (now, or by an earlier try): the owner is to be told. */
  | { outcome: 'ready'; email: string; petCount: number; byteSize: number }
  /** Nothing to tell: the export or the account is gone (nothing of it is left), the export was given
   * up, or its archive did not fit in the quota (the row says so, the archive is removed). */
  | { outcome: 'gone' };

/**
 * Writes the ZIP of the user's pets to `key`, streaming: entries are stored uncompressed (the photos
 * are WebP already, documents mostly compressed), so yazl knows the archive's exact size before the
 * first byte and the archive goes to storage in one pass, one file open at a time, never whole in memory.
 */
async function writeArchive(key: string, petsJsonBytes: Buffer, files: ArchiveFile[], exportedAt: Date) {
  const zip = new ZipFile();
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  zip.addBuffer(petsJsonBytes, 'pets.json', { compress: false, mtime: exportedAt });
  for (const file of files) {
    zip.addReadStreamLazy(file.entry, { compress: false, size: file.size, mtime: exportedAt }, (callback) => {
      storage()
        .readStream(file.key)
        .then(
          (stream) => callback(stream ? null : new Error(`file ${file.key} disappeared during the export`), stream!),
          (error: unknown) => callback(error, undefined as never),
        );
    });
  }
  const size = await new Promise<number>((resolve) =>
    (zip.end as (options: object, sizeKnown: (total: number) => void) => void)({}, resolve),
  );
  if (size < 0) throw new Error('the archive size is not known in advance');
  const body = Readable.from(zip.outputStream as AsyncIterable<Buffer>);
  await Promise.race([storage().putStream(key, body, { contentType: 'application/zip', size }), failed]);
  return size;
}

/**
 * The export job's work, idempotent: a retried run rewrites the same key and ends in the same row
 * state, and a run that finds the export ready already only reports it (the caller sends the mail
 * under a key, so the owner hears once). Short transactions: the archive is written between them.
 * The row is made ready only if it is still there, still running, and its archive fits the quota;
 * otherwise the archive just written is removed, so nothing is left of an export whose account was
 * deleted (or which a newer export replaced) meanwhile.
 */
export async function buildDataExport(scope: UserScope, exportId: string): Promise<ExportBuildResult> {
  const { userId, asUser } = scope;
  const email = await accountEmail(userId);
  if (!email) return { outcome: 'gone' };
  const claimed = await asUser(async (tx) => {
    const row = await findOwnExport(tx, userId, exportId);
    // Ready: only to be reported. Expired or failed: final (a failed export's owner starts another).
    if (!row || row.status === 'ready' || row.status === 'expired' || row.status === 'failed') return row;
    await tx.update(dataExports).set({ status: 'running', error: null }).where(ownExport(userId, exportId));
    return row;
  });
  if (!claimed || claimed.status === 'expired' || claimed.status === 'failed') return { outcome: 'gone' };
  if (claimed.status === 'ready')
    return { outcome: 'ready', email, petCount: claimed.petCount ?? 0, byteSize: claimed.byteSize ?? 0 };

  const { rows, care } = await asUser(async (tx) => ({
    rows: await tx
      .select(exportedPetColumns)
      .from(pets)
      .where(eq(pets.userId, userId))
      .orderBy(pets.createdAt, pets.id),
    care: await exportedCareRecords(tx, userId),
  }));
  const { careOf, documentFiles } = care;
  const photos: ArchiveFile[] = [];
  const exported: PetsJsonPet[] = [];
  for (const row of rows) {
    // A photo whose object is missing (it should not be) is left out rather than failing the export.
    const info = row.imagePath ? await storage().head(row.imagePath) : null;
    const photo = row.imagePath && info ? { key: row.imagePath, entry: photoEntryName(row), size: info.size } : null;
    if (photo) photos.push(photo);
    else if (row.imagePath) logger().warn({ exportId, petId: row.id }, 'export: a pet photo is missing in storage');
    exported.push(toPetsJsonPet(row, photo?.entry ?? null, careOf(row.id)));
  }
  const exportedAt = new Date();
  const byteSize = await writeArchive(
    claimed.storageKey,
    petsJson(exportedAt, email, exported),
    [...photos, ...documentFiles],
    exportedAt,
  );

  const recorded = await asUser(async (tx) => {
    // The archive's bytes join the account's storage use: serialized with its other changes.
    await lockUsage(tx, userId);
    const row = await findOwnExport(tx, userId, exportId);
    if (row?.status !== 'running') return 'gone';
    if (!(await storageLeft(tx, userId, byteSize))) {
      await failExport(tx, userId, exportId, exportTooLargeMessage(env().STORAGE_QUOTA_BYTES));
      return 'too-large';
    }
    await tx
      .update(dataExports)
      .set({
        status: 'ready',
        byteSize,
        petCount: rows.length,
        finishedAt: sql`now()`,
        expiresAt: sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`,
        error: null,
      })
      .where(ownExport(userId, exportId));
    return 'ready';
  });
  // The account may have gone between the row's update and now: its address is not written to.
  const stillThere = recorded === 'ready' ? await accountEmail(userId) : null;
  if (!stillThere) {
    await storage().delete([claimed.storageKey]);
    if (recorded === 'too-large') logger().info({ userId, exportId, byteSize }, 'export over the storage quota');
    return { outcome: 'gone' };
  }
  return { outcome: 'ready', email: stillThere, petCount: rows.length, byteSize };
}
