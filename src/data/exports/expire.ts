// The hourly clean-up of exports (ADR 0015): an export past its expiry loses its archive and keeps
// its row as `expired` (so an old link says so). Accounts are taken one at a time, each as that user;
// only the folder of an account's exports is listed, never the whole bucket.
import 'server-only';
import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { db } from '@/db/client';
import { dataExports, users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import { storage } from '@/storage';
import { EXPORT_RETENTION_DAYS, exportsFolder } from './records';

export type ExportCleanupReport = { expired: number; deletedObjects: number };

/** Accounts read per query (ids only, as the owner role: the auth table is not app_user's). */
const ACCOUNTS_PER_PAGE = 500;

/**
 * Deletes exports past their expiry, and in the folder of an account with exports, any archive no
 * row knows once it is older than the retention (an export replaced or failed whose object could
 * not be deleted then).
 */
export async function expireDataExports(options: { now?: Date } = {}): Promise<ExportCleanupReport> {
  const now = options.now ?? new Date();
  let expired = 0;
  let deletedObjects = 0;
  for await (const owner of accountIds()) {
    const { due, known } = await withUser(db(), owner, async (tx) => {
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
              lte(dataExports.expiresAt, now),
              inArray(
                dataExports.id,
                due.map((row) => row.id),
              ),
            ),
          );
      return { due: due.map((row) => row.storageKey), known: new Set(rows.map((row) => row.storageKey)) };
    });
    if (known.size === 0) continue;
    const doomed = new Set(due);
    for await (const object of storage().list(exportsFolder(owner)))
      if (!known.has(object.key) && now.getTime() - object.lastModified.getTime() > retentionMs())
        doomed.add(object.key);
    expired += due.length;
    if (doomed.size > 0) {
      await storage().delete([...doomed]);
      deletedObjects += doomed.size;
    }
  }
  if (deletedObjects > 0) logger().info({ expired, deletedObjects }, 'expired data exports removed');
  return { expired, deletedObjects };
}

function retentionMs(): number {
  return EXPORT_RETENTION_DAYS * 24 * 60 * 60 * 1000;
}

async function* accountIds(): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const page = await db()
      .select({ id: users.id })
      .from(users)
      .where(gtId(after))
      .orderBy(users.id)
      .limit(ACCOUNTS_PER_PAGE);
    for (const row of page) yield row.id;
    if (page.length < ACCOUNTS_PER_PAGE) return;
    after = page.at(-1)!.id;
  }
}

function gtId(after: string) {
  return after ? gt(users.id, after) : undefined;
}
