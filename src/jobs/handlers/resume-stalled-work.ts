// Every 5 minutes, once per occurrence however many instances run: sends again the jobs of photos
// and exports whose job was never sent (their process died between the commit and the send), and
// fails exports whose jobs are long over (ADR 0020). Idempotent: every send is keyed.
import 'server-only';
import { resumeStalledWork } from '@/data/stalled-work';
import { logger } from '@/lib/logger';
import { resumeStalledWorkJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const resumeStalledWorkHandler = handleJob(resumeStalledWorkJob, async () => {
  const report = await resumeStalledWork();
  logger().info(report, 'stalled work checked');
});
