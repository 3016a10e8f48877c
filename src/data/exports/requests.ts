// What a signed-in user does with their exports: start one, list them, open one, download one. Each
// reads and writes as the session's user (row-level security).
import 'server-only';
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { dataExports, pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { exportDoesNotFitMessage } from '@/lib/rate-limit';
import { isUuid } from '@/lib/uuid';
import { storage } from '@/storage';
import type { SessionUser } from '../session';
import { lockUsage, storageLeft, UsageLimitError } from '../usage';
import { careExportSize } from './care-records';
import { PETS_JSON_BYTES_PER_CARE_RECORD, PETS_JSON_BYTES_PER_PET } from './pets-json';
import {
  EXPORT_DOWNLOAD_URL_SECONDS,
  EXPORT_INTERVAL_SECONDS,
  EXPORT_RETENTION_DAYS,
  exportColumns,
  exportKey,
  findOwnExport,
  markDataExportFailed,
  sendDataExportJob,
  toDataExport,
  type DataExport,
} from './records';

/** The exports /account lists, newest first. */
const LISTED_EXPORTS = 10;

/** The account started an export less than an hour ago; nothing was started. */
export class ExportTooSoonError extends Error {
  override name = 'ExportTooSoonError';
  constructor(readonly retryAfterSeconds: number) {
    super(`data export refused for ${retryAfterSeconds} s`);
  }
}

/**
 * Adds a queued export for the caller and removes the account's earlier ones (row, then archive):
 * one live export per account. Refused with ExportTooSoonError when one was started less than an
 * hour ago (a failed one does not count: the failure was ours), and with UsageLimitError when the
 * archive would not fit in the storage quota beside the photos and documents (it holds them again). Under the
 * account's usage lock, so two requests at once cannot both pass the checks. The job is sent after
 * the row commits; when it cannot be, the export is marked failed and the error thrown.
 */
export async function startDataExport(user: SessionUser): Promise<string> {
  const { id, replaced } = await withUser(db(), user.id, async (tx) => {
    await lockUsage(tx, user.id);
    const [recent] = await tx
      .select({
        wait: sql<
          string | null
        >`extract(epoch from max(${dataExports.createdAt}) + make_interval(secs => ${EXPORT_INTERVAL_SECONDS}) - now())`,
      })
      .from(dataExports)
      .where(
        and(
          eq(dataExports.userId, user.id),
          ne(dataExports.status, 'failed'),
          gt(dataExports.createdAt, sql`now() - make_interval(secs => ${EXPORT_INTERVAL_SECONDS})`),
        ),
      );
    if (recent?.wait != null) throw new ExportTooSoonError(Math.max(1, Math.ceil(Number(recent.wait))));

    // The earlier exports go: their bytes no longer count, and the new one must fit on its own.
    const replaced = await tx
      .delete(dataExports)
      .where(eq(dataExports.userId, user.id))
      .returning({ storageKey: dataExports.storageKey });
    const [photos] = await tx
      .select({ bytes: sql<string>`coalesce(sum(${pets.photoBytes}), 0)`, count: sql<string>`count(*)` })
      .from(pets)
      .where(eq(pets.userId, user.id));
    const care = await careExportSize(tx, user.id);
    // At most the stored photos again (display images and thumbnails: the archive holds the former),
    // the visits' documents again (stored as they are), and pets.json: its pets and care records.
    const estimate =
      Number(photos?.bytes ?? 0) +
      care.documentBytes +
      (Number(photos?.count ?? 0) + 1) * PETS_JSON_BYTES_PER_PET +
      care.records * PETS_JSON_BYTES_PER_CARE_RECORD;
    if (!(await storageLeft(tx, user.id, estimate)))
      throw new UsageLimitError(exportDoesNotFitMessage(env().STORAGE_QUOTA_BYTES, estimate), null);

    const id = crypto.randomUUID();
    await tx.insert(dataExports).values({
      id,
      userId: user.id,
      storageKey: exportKey(user.id, id),
      expiresAt: sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`,
    });
    return { id, replaced: replaced.map((row) => row.storageKey) };
  });
  // An earlier export still being built finds its row gone and removes what it wrote (build.ts).
  if (replaced.length > 0)
    await storage()
      .delete(replaced)
      .catch((error: unknown) => logger().warn({ err: error }, 'replaced export left to the clean-up job'));
  try {
    // After the row committed (a job is never sent inside withUser).
    await sendDataExportJob(user.id, id);
  } catch (error) {
    // Not left queued for ever, and not counted against the hourly limit.
    await markDataExportFailed(user.id, id).catch(() => undefined);
    throw error;
  }
  return id;
}

/** The caller's latest exports, newest first. */
export async function listDataExports(user: SessionUser): Promise<DataExport[]> {
  const rows = await withUser(db(), user.id, (tx) =>
    tx
      .select(exportColumns)
      .from(dataExports)
      .where(eq(dataExports.userId, user.id))
      .orderBy(desc(dataExports.createdAt), desc(dataExports.id))
      .limit(LISTED_EXPORTS),
  );
  const now = new Date();
  return rows.map((row) => toDataExport(row, now));
}

/** One of the caller's exports, or null when it does not exist, is someone else's, or `id` is no UUID. */
export async function getDataExport(user: SessionUser, id: string): Promise<DataExport | null> {
  if (!isUuid(id)) return null;
  const row = await withUser(db(), user.id, (tx) => findOwnExport(tx, user.id, id));
  return row ? toDataExport(row) : null;
}

/**
 * The download of one of the caller's exports: a storage URL signed now for EXPORT_DOWNLOAD_URL_SECONDS
 * when it is ready, `ready: false` when it is not (yet, or any more), null when it is not the caller's.
 * Nothing else ever signs an export's key.
 */
export async function createDataExportDownload(
  user: SessionUser,
  id: string,
): Promise<{ ready: true; url: string } | { ready: false } | null> {
  if (!isUuid(id)) return null;
  const row = await withUser(db(), user.id, (tx) => findOwnExport(tx, user.id, id));
  if (!row) return null;
  if (toDataExport(row).status !== 'ready') return { ready: false };
  const day = row.createdAt.toISOString().slice(0, 10);
  const url = await storage().createDownloadUrl(row.storageKey, {
    expiresInSeconds: EXPORT_DOWNLOAD_URL_SECONDS,
    filename: `pawprint-export-${day}.zip`,
  });
  return { ready: true, url };
}
