// Work that stalled between two steps (ADR 0020). A save commits its row, then sends its job; a
// process killed between the two (SIGKILL, a lost machine, the queue's database briefly gone) leaves
// a photo "processing" or an export "queued" that no job will ever pick up. Every few minutes the
// resume-stalled-work job finds such rows across accounts (reading as app_maintenance, which sees
// nothing else) and sends their jobs again. A send is idempotent per photo and per export, so a row
// whose job is merely waiting its turn gets nothing more. An export still unfinished long after any
// job of it could have ended is marked failed, as that user, so its owner can start another.
import 'server-only';
import { and, asc, inArray, lt, sql, eq } from 'drizzle-orm';
import { asMaintenance } from '@/db/as-maintenance';
import { db } from '@/db/client';
import { dataExports, pets } from '@/db/schema';
import { logger } from '@/lib/logger';
import { markDataExportFailed, sendDataExportJob } from './exports';
import { schedulePhotoProcessing } from './pets/photo-consistency';

/** A row this much older than its step is looked at: far longer than a commit-then-send takes. */
export const RESEND_AFTER_SECONDS = 2 * 60;
/** An export's five tries take at most about 80 minutes (15-minute expiry each, backoff between). */
export const EXPORT_GIVE_UP_SECONDS = 2 * 60 * 60;
/** Rows looked at per run, oldest first; the next run takes the rest. */
const BATCH = 500;

export type StalledWorkReport = { photosResent: number; exportsResent: number; exportsFailed: number };

type Ages = { resendAfterSeconds?: number; exportGiveUpSeconds?: number };

async function findStalledWork(resendAfterSeconds: number) {
  const olderThan = sql`now() - make_interval(secs => ${resendAfterSeconds})`;
  return asMaintenance(db(), async (tx) => {
    // The policies already limit app_maintenance to these states; the filters say what is wanted.
    const photos = await tx
      .select({ userId: pets.userId, petId: pets.id, originalKey: pets.photoOriginalKey })
      .from(pets)
      .where(and(eq(pets.photoStatus, 'processing'), lt(pets.updatedAt, olderThan)))
      .orderBy(asc(pets.updatedAt))
      .limit(BATCH);
    const exports = await tx
      .select({
        userId: dataExports.userId,
        exportId: dataExports.id,
        ageSeconds: sql<number>`extract(epoch from now() - ${dataExports.createdAt})::float8`,
      })
      .from(dataExports)
      .where(and(inArray(dataExports.status, ['queued', 'running']), lt(dataExports.createdAt, olderThan)))
      .orderBy(asc(dataExports.createdAt))
      .limit(BATCH);
    return { photos, exports };
  });
}

export async function resumeStalledWork(ages: Ages = {}): Promise<StalledWorkReport> {
  const exportGiveUpSeconds = ages.exportGiveUpSeconds ?? EXPORT_GIVE_UP_SECONDS;
  const stalled = await findStalledWork(ages.resendAfterSeconds ?? RESEND_AFTER_SECONDS);
  const report: StalledWorkReport = { photosResent: 0, exportsResent: 0, exportsFailed: 0 };
  for (const photo of stalled.photos) {
    // A processing row always holds its original (a check constraint); the sweep gives up after an hour.
    if (photo.originalKey && (await schedulePhotoProcessing(photo.userId, photo.petId, photo.originalKey)))
      report.photosResent++;
  }
  for (const stalledExport of stalled.exports) {
    if (Number(stalledExport.ageSeconds) > exportGiveUpSeconds) {
      await markDataExportFailed(stalledExport.userId, stalledExport.exportId);
      report.exportsFailed++;
    } else if (await sendDataExportJob(stalledExport.userId, stalledExport.exportId)) {
      report.exportsResent++;
    }
  }
  if (report.photosResent + report.exportsResent + report.exportsFailed > 0)
    logger().warn(report, 'stalled work resumed: jobs that were never sent are sent now');
  return report;
}
