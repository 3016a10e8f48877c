// A job's handler joined to its definition (src/queue/jobs.ts): what the workers run. Rules (ADR 0011):
// a handler is idempotent (a retried job has its effect once), and a user job reaches data only through
// the DAL or its run's `asUser`, under row-level security for that user.
import 'server-only';
import type { UserScope } from '@/db/with-user';
import type { AnyJobDefinition, SystemJobDefinition, UserJobDefinition } from '@/queue/define';

/** What every handler is told about the run in progress. */
export type JobRun = {
  jobId: string;
  /** 1 on the first try, 2 on the first retry… */
  attempt: number;
};

/** A user job's run. `asUser` runs `work` in its own transaction as app_user for this user (withUser):
 * keep it short, and send nothing inside it (jobs are sent after the work they follow has committed). */
export type UserJobRun = JobRun & UserScope;

export type SystemJob<P> = SystemJobDefinition<P> & { handler: (payload: P, run: JobRun) => Promise<void> };

export type UserJob<P extends { userId: string }> = UserJobDefinition<P> & {
  handler: (payload: P, run: UserJobRun) => Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs of any payload
export type AnyJob = SystemJob<any> | UserJob<any>;

export function handleJob<P>(job: SystemJobDefinition<P>, handler: SystemJob<P>['handler']): SystemJob<P>;
export function handleJob<P extends { userId: string }>(
  job: UserJobDefinition<P>,
  handler: UserJob<P>['handler'],
): UserJob<P>;
export function handleJob(job: AnyJobDefinition, handler: AnyJob['handler']): AnyJob {
  return Object.freeze({ ...job, handler }) as AnyJob;
}
