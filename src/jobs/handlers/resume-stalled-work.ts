// Every 5 minutes, once per occurrence however many instances run: sends again the jobs of photos
// and exports whose job was never sent (their process died between the commit and the send), and
// fails exports whose jobs are long over (ADR 0020). Idempotent: every send is keyed.
import { z } from 'zod';
import { resumeStalledWork } from '@/data/stalled-work';
import { logger } from '@/lib/logger';
import { defineJob } from '../define';

export const resumeStalledWorkJob = defineJob({
  name: 'resume-stalled-work',
  scope: 'system',
  schema: z.object({}),
  schedule: '*/5 * * * *',
  // The next run, 5 minutes on, is the retry that matters.
  retryLimit: 0,
  expireInSeconds: 5 * 60,
  deleteAfterSeconds: 24 * 60 * 60,
  concurrency: 1,
  handler: async () => {
    const report = await resumeStalledWork();
    logger().info(report, 'stalled work checked');
  },
});
