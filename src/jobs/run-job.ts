// Runs one job: checks its payload, gives a user job its row-level-security scope (asUser, as that user
// only), logs the outcome. A throw fails the run; pg-boss retries it with backoff, then marks it failed.
import 'server-only';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import { logger } from '@/lib/logger';
import type { AnyJob, JobRun } from './define';
import { queueSettings } from '@/queue/client';

export async function runJob(job: AnyJob, data: unknown, run: JobRun): Promise<void> {
  const started = performance.now();
  const context = { job: job.name, jobId: run.jobId, attempt: run.attempt };
  try {
    const payload = job.schema.parse(data);
    if (job.scope === 'user') {
      const userId = (payload as { userId: string }).userId;
      await job.handler(payload, { ...run, userId, asUser: (work) => withUser(db(), userId, work) });
    } else {
      await job.handler(payload, run);
    }
    logger().info({ ...context, durationMs: Math.round(performance.now() - started) }, 'job done');
  } catch (error) {
    const willRetry = run.attempt <= (queueSettings(job).retryLimit ?? 0);
    logger().error(
      { ...context, err: error, willRetry },
      willRetry ? `job ${job.name} failed; will retry` : `job ${job.name} failed for good`,
    );
    throw error;
  }
}
