// Data exports are kept 7 days (ADR 0015): every hour, once per occurrence however many instances run,
// this job deletes the objects of exports past their expiry and marks their rows expired.
// Idempotent by nature: an expired export stays expired and a deleted object stays deleted.
import 'server-only';
import { expireDataExports } from '@/data/exports';
import { logger } from '@/lib/logger';
import { expireDataExportsJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const expireDataExportsHandler = handleJob(expireDataExportsJob, async () => {
  const report = await expireDataExports();
  logger().info(report, 'data export clean-up done');
});
