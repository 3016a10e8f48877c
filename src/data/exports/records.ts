// An export's row as the DAL reads it and the pages show it, its storage key, and the one way an
// export ends failed.
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { dataExports } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { exportUserDataJob } from '@/queue/jobs';
import { sendJob } from '@/queue/send';
import { accountFolder } from '../image-keys';

/** How long a finished export is offered, and after which the clean-up job deletes it. */
export const EXPORT_RETENTION_DAYS = 7;
/** How long the download URL signed when the owner asks for it stays valid (at most 1 hour). */
export const EXPORT_DOWNLOAD_URL_SECONDS = 15 * 60;
/** One export an hour per account: each reads every photo of the account from storage. */
export const EXPORT_INTERVAL_SECONDS = 60 * 60;

/** Shown on /account for an export whose job could not be started or did not succeed. */
export const EXPORT_FAILED_MESSAGE = 'The export could not be built. Please try again.';

export type DataExportStatus = (typeof dataExports.$inferSelect)['status'];

/** An export as the pages show it; `status` is `expired` once the download is no longer offered. */
export type DataExport = {
  id: string;
  status: DataExportStatus;
  byteSize: number | null;
  petCount: number | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
  error: string | null;
};

/** Where a user's export lives: in their own folder, so removing the account's folder removes it too. */
export function exportKey(userId: string, exportId: string): string {
  return `${exportsFolder(userId)}${exportId}.zip`;
}

/** The folder of a user's exports: the only prefix the clean-up lists. */
export function exportsFolder(userId: string): string {
  return `${accountFolder(userId)}exports/`;
}

export const exportColumns = {
  id: dataExports.id,
  status: dataExports.status,
  storageKey: dataExports.storageKey,
  byteSize: dataExports.byteSize,
  petCount: dataExports.petCount,
  createdAt: dataExports.createdAt,
  finishedAt: dataExports.finishedAt,
  expiresAt: dataExports.expiresAt,
  error: dataExports.error,
};

export type ExportRow = {
  id: string;
  status: DataExportStatus;
  storageKey: string;
  byteSize: number | null;
  petCount: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
  error: string | null;
};

export function toDataExport(row: ExportRow, now = new Date()): DataExport {
  // The clean-up job runs hourly: between expiry and its pass, the export already reads as expired.
  const expired = row.status === 'expired' || (row.status === 'ready' && row.expiresAt <= now);
  return {
    id: row.id,
    status: expired ? 'expired' : row.status,
    byteSize: row.byteSize,
    petCount: row.petCount,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    error: row.error,
  };
}

/** The row of one of `userId`'s exports. */
export function ownExport(userId: string, exportId: string) {
  return and(eq(dataExports.id, exportId), eq(dataExports.userId, userId));
}

export async function findOwnExport(tx: Transaction, userId: string, id: string): Promise<ExportRow | null> {
  const [row] = await tx.select(exportColumns).from(dataExports).where(ownExport(userId, id));
  return row ?? null;
}

/** Ends an export still queued or running as failed, with `message` for its owner. */
export async function failExport(
  tx: Transaction,
  userId: string,
  exportId: string,
  message = EXPORT_FAILED_MESSAGE,
): Promise<void> {
  await tx
    .update(dataExports)
    .set({ status: 'failed', error: message, byteSize: null, finishedAt: sql`now()` })
    .where(and(ownExport(userId, exportId), inArray(dataExports.status, ['queued', 'running'])));
}

/**
 * The export shows as failed (and no longer counts against the hourly limit): after its job's last
 * try, when the request could not send its job, or when its job is lost (data/stalled-work.ts).
 */
export async function markDataExportFailed(userId: string, exportId: string): Promise<void> {
  await withUser(db(), userId, (tx) => failExport(tx, userId, exportId));
}

/** Sends the export's job, once per export (a repeat, e.g. by resume-stalled-work, adds nothing): the
 * job id, or null when it was sent before. After the export's row has committed. */
export function sendDataExportJob(userId: string, exportId: string): Promise<string | null> {
  return sendJob(exportUserDataJob, { userId, exportId }, { key: `export:${exportId}` });
}
