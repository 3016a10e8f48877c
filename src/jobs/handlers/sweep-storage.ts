// The storage sweep as a scheduled job: every 15 minutes by default (SWEEP_SCHEDULE; uploads older than 1 h go),
// once per occurrence however many instances run.
// Idempotent by nature: it deletes only objects no pet points at, and a deleted object stays deleted.
import { z } from 'zod';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { defineJob } from '../define';

export const sweepStorageJob = defineJob({
  name: 'sweep-storage',
  scope: 'system',
  schema: z.object({}),
  schedule: () => env().SWEEP_SCHEDULE,
  // The next hour's run is the retry that matters; one quick retry covers a blip.
  retryLimit: 1,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
  concurrency: 1,
  handler: async () => {
    const report = await sweepUnreferencedObjects();
    logger().info({ examined: report.examined, deleted: report.deleted.length }, 'storage sweep done');
  },
});
