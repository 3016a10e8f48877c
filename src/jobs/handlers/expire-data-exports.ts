// Data exports are kept 7 days (ADR 0015): every hour, once per occurrence however many instances run,
// this job deletes the objects of exports past their expiry and marks their rows expired.
// Idempotent by nature: an expired export stays expired and a deleted object stays deleted.
import { z } from 'zod';
import { expireDataExports } from '@/data/exports';
import { logger } from '@/lib/logger';
import { defineJob } from '../define';

export const expireDataExportsJob = defineJob({
  name: 'expire-data-exports',
  scope: 'system',
  schema: z.object({}),
  schedule: '7 * * * *',
  // The next hour's run is the retry that matters.
  retryLimit: 1,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
  concurrency: 1,
  handler: async () => {
    const report = await expireDataExports();
    logger().info(report, 'data export clean-up done');
  },
});
