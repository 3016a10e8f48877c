// The storage sweep as a scheduled job: every 15 minutes by default (SWEEP_SCHEDULE; uploads older than
// 1 h go), once per occurrence however many instances run.
// Idempotent by nature: it deletes only objects no pet points at, and a deleted object stays deleted.
import 'server-only';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { logger } from '@/lib/logger';
import { sweepStorageJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const sweepStorageHandler = handleJob(sweepStorageJob, async () => {
  const report = await sweepUnreferencedObjects();
  logger().info({ examined: report.examined, deleted: report.deleted.length }, 'storage sweep done');
});
