// Data exports (ADR 0015): a ZIP of every pet (pets.json) and each pet's stored display image, built
// by the export-user-data job into the user's own storage folder, offered for 7 days through the
// page /account/exports/<id>, which signs a short download URL at the moment it is asked for.
// Requests read and start exports as the session's user; the job works through its run's `asUser`;
// the clean-up job goes user by user. Row-level security holds throughout.
import 'server-only';
import { Readable } from 'node:stream';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { db, type Transaction } from '@/db/client';
import { dataExports, pets, users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import { sanitizeFilename, storage } from '@/storage';
import { accountFolder } from './image-keys';
import { isUuid } from './pets/records';
import type { SessionUser } from './session';

/** How long a finished export is offered, and after which the clean-up job deletes it. */
export const EXPORT_RETENTION_DAYS = 7;
/** How long the download URL signed when the owner asks for it stays valid (at most 1 hour). */
export const EXPORT_DOWNLOAD_URL_SECONDS = 15 * 60;
/** One export an hour per account: each reads every photo of the account from storage. */
export const EXPORT_INTERVAL_SECONDS = 60 * 60;
/** The exports /account lists, newest first. */
const LISTED_EXPORTS = 10;

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

/** The account started an export less than an hour ago; nothing was started. */
export class ExportTooSoonError extends Error {
  override name = 'ExportTooSoonError';
  constructor(readonly retryAfterSeconds: number) {
    super(`data export refused for ${retryAfterSeconds} s`);
  }
}

/** Where a user's export lives: in their own folder, so removing the account's folder removes it too. */
export function exportKey(userId: string, exportId: string): string {
  return `${accountFolder(userId)}exports/${exportId}.zip`;
}

const EXPORT_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/exports\/([^/]+)\.zip$/;

const exportColumns = {
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

type ExportRow = {
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

function toDataExport(row: ExportRow, now = new Date()): DataExport {
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

async function findOwnExport(tx: Transaction, userId: string, id: string): Promise<ExportRow | null> {
  const [row] = await tx
    .select(exportColumns)
    .from(dataExports)
    .where(and(eq(dataExports.id, id), eq(dataExports.userId, userId)));
  return row ?? null;
}

/**
 * Adds a queued export for the caller, or throws ExportTooSoonError when one was started less than
 * an hour ago (a failed one does not count: the failure was ours). Serialized per account, so two
 * requests at once cannot both pass the check. The caller enqueues the job after this commits.
 */
export async function startDataExport(user: SessionUser): Promise<string> {
  return withUser(db(), user.id, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`data-export:${user.id}`}, 0))`);
    const result = (await tx.execute(sql`
      select extract(epoch from max(created_at) + make_interval(secs => ${EXPORT_INTERVAL_SECONDS}) - now()) as wait
      from data_exports
      where user_id = ${user.id} and status <> 'failed'
        and created_at > now() - make_interval(secs => ${EXPORT_INTERVAL_SECONDS})`)) as unknown as {
      rows: { wait: string | number | null }[];
    };
    const wait = result.rows[0]?.wait;
    if (wait !== null && wait !== undefined) throw new ExportTooSoonError(Math.max(1, Math.ceil(Number(wait))));
    const id = crypto.randomUUID();
    await tx.insert(dataExports).values({
      id,
      userId: user.id,
      storageKey: exportKey(user.id, id),
      expiresAt: sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`,
    });
    return id;
  });
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

/** What the export job is given: its user, and a transaction as that user (the run's asUser). */
export type ExportJobScope = {
  userId: string;
  asUser: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;
};

export type ExportBuildResult =
  /** The ZIP is stored and the row is ready (now, or by an earlier try): the owner is to be told. */
  | { outcome: 'ready'; email: string; petCount: number; byteSize: number }
  /** The export or the account is gone (deleted meanwhile), or the export was given up: nothing to do. */
  | { outcome: 'gone' };

/** A pet as pets.json holds it: every column, and where its photo is in the archive. */
type ExportedPet = Record<string, unknown> & { photo: string | null };

/** `photos/<name>-<id>.webp`: a person can tell whose photo it is; the id keeps equal names apart. */
function photoEntryName(pet: { id: string; name: string }): string {
  const name = sanitizeFilename(pet.name).replace(/\.[a-z0-9]+$/, '');
  return `photos/${name}-${pet.id}.webp`;
}

type PhotoEntry = { key: string; entry: string; size: number };

/**
 * Writes the ZIP of the user's pets to `key`, streaming: entries are stored uncompressed (the photos
 * are WebP already), so yazl knows the archive's exact size before the first byte and the archive
 * goes to storage in one pass, one photo open at a time, never whole in memory.
 */
async function writeArchive(key: string, petsJson: Buffer, photos: PhotoEntry[], exportedAt: Date): Promise<number> {
  const zip = new ZipFile();
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  zip.addBuffer(petsJson, 'pets.json', { compress: false, mtime: exportedAt });
  for (const photo of photos) {
    zip.addReadStreamLazy(photo.entry, { compress: false, size: photo.size, mtime: exportedAt }, (callback) => {
      storage()
        .readStream(photo.key)
        .then(
          (stream) => callback(stream ? null : new Error(`photo ${photo.key} disappeared during the export`), stream!),
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
 */
export async function buildDataExport(scope: ExportJobScope, exportId: string): Promise<ExportBuildResult> {
  const email = await accountEmail(scope.userId);
  if (!email) return { outcome: 'gone' };
  const claimed = await scope.asUser(async (tx) => {
    const row = await findOwnExport(tx, scope.userId, exportId);
    // Ready: only to be reported. Expired or failed: final (a failed export's owner starts another).
    if (!row || row.status === 'ready' || row.status === 'expired' || row.status === 'failed') return row;
    await tx
      .update(dataExports)
      .set({ status: 'running', error: null })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.userId, scope.userId)));
    return row;
  });
  if (!claimed || claimed.status === 'expired' || claimed.status === 'failed') return { outcome: 'gone' };
  if (claimed.status === 'ready')
    return { outcome: 'ready', email, petCount: claimed.petCount ?? 0, byteSize: claimed.byteSize ?? 0 };

  const rows = await scope.asUser((tx) =>
    tx.select().from(pets).where(eq(pets.userId, scope.userId)).orderBy(pets.createdAt, pets.id),
  );
  const photos: PhotoEntry[] = [];
  const exported: ExportedPet[] = [];
  for (const row of rows) {
    // A photo whose object is missing (it should not be) is left out rather than failing the export.
    const info = row.imagePath ? await storage().head(row.imagePath) : null;
    const photo = row.imagePath && info ? { key: row.imagePath, entry: photoEntryName(row), size: info.size } : null;
    if (photo) photos.push(photo);
    else if (row.imagePath) logger().warn({ exportId, petId: row.id }, 'export: a pet photo is missing in storage');
    exported.push({
      ...row,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      photo: photo?.entry ?? null,
    });
  }
  const exportedAt = new Date();
  const petsJson = Buffer.from(
    `${JSON.stringify({ exportedAt: exportedAt.toISOString(), account: { email }, pets: exported }, null, 2)}\n`,
  );
  const byteSize = await writeArchive(claimed.storageKey, petsJson, photos, exportedAt);

  await scope.asUser((tx) =>
    tx
      .update(dataExports)
      .set({
        status: 'ready',
        byteSize,
        petCount: rows.length,
        finishedAt: sql`now()`,
        expiresAt: sql`now() + make_interval(days => ${EXPORT_RETENTION_DAYS})`,
        error: null,
      })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.userId, scope.userId))),
  );
  return { outcome: 'ready', email, petCount: rows.length, byteSize };
}

async function markFailed(tx: Transaction, userId: string, exportId: string, message: string): Promise<void> {
  await tx
    .update(dataExports)
    .set({ status: 'failed', error: message, finishedAt: sql`now()` })
    .where(
      and(
        eq(dataExports.id, exportId),
        eq(dataExports.userId, userId),
        inArray(dataExports.status, ['queued', 'running']),
      ),
    );
}

/** Shown on /account for an export whose job could not be started or did not succeed. */
export const EXPORT_FAILED_MESSAGE = 'The export could not be built. Please try again.';

/** After the job's last try: the export shows as failed (and no longer counts against the hourly limit). */
export async function markDataExportFailed(scope: ExportJobScope, exportId: string): Promise<void> {
  await scope.asUser((tx) => markFailed(tx, scope.userId, exportId, EXPORT_FAILED_MESSAGE));
}

/** Outside a job run: the request could not send the job, or its job is lost (data/stalled-work.ts). */
export async function markDataExportFailedForUser(userId: string, exportId: string): Promise<void> {
  await withUser(db(), userId, (tx) => markFailed(tx, userId, exportId, EXPORT_FAILED_MESSAGE));
}

/** A job's own account's address (the auth table is not app_user's: read by the owner role, by id). */
async function accountEmail(userId: string): Promise<string | null> {
  const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}

export type ExportCleanupReport = { expired: number; deletedObjects: number };

/**
 * Deletes exports past their expiry: the object goes, the row stays as `expired` (so an old link says
 * so). Owners are found from storage, like the sweep's, and each is handled as that user. An export
 * object without a row (a retry that outlived its row) goes once it is older than the retention.
 */
export async function expireDataExports(options: { now?: Date } = {}): Promise<ExportCleanupReport> {
  const now = options.now ?? new Date();
  const retentionMs = EXPORT_RETENTION_DAYS * 24 * 60 * 60 * 1000;
  const objects = new Map<string, Array<{ key: string; lastModified: Date }>>();
  for await (const object of storage().list('')) {
    const owner = EXPORT_KEY.exec(object.key)?.[1];
    if (owner) objects.set(owner, [...(objects.get(owner) ?? []), object]);
  }
  let expired = 0;
  let deletedObjects = 0;
  for (const [owner, listed] of objects) {
    const { expiredKeys, knownKeys } = await withUser(db(), owner, async (tx) => {
      const rows = await tx
        .select({ id: dataExports.id, storageKey: dataExports.storageKey, expiresAt: dataExports.expiresAt })
        .from(dataExports)
        .where(eq(dataExports.userId, owner));
      const due = rows.filter((row) => row.expiresAt <= now);
      if (due.length > 0)
        await tx
          .update(dataExports)
          .set({ status: 'expired' })
          .where(
            and(
              eq(dataExports.userId, owner),
              inArray(
                dataExports.id,
                due.map((row) => row.id),
              ),
            ),
          );
      return {
        expiredKeys: new Set(due.map((row) => row.storageKey)),
        knownKeys: new Set(rows.map((r) => r.storageKey)),
      };
    });
    const doomed = listed
      .filter(
        (object) =>
          expiredKeys.has(object.key) ||
          (!knownKeys.has(object.key) && now.getTime() - object.lastModified.getTime() > retentionMs),
      )
      .map((object) => object.key);
    expired += expiredKeys.size;
    if (doomed.length > 0) {
      await storage().delete(doomed);
      deletedObjects += doomed.length;
    }
  }
  if (deletedObjects > 0) logger().info({ expired, deletedObjects }, 'expired data exports removed');
  return { expired, deletedObjects };
}
