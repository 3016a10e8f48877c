// A job's definition: its name, the schema of its payload, its handler and its retry policy (ADR 0011).
// Rules: a payload carries ids, never secrets or file bytes; a handler is idempotent (a retried job has
// its effect once); a user job reaches data only through `asUser`, under row-level security for that user.
import type { z } from 'zod';
import type { UserScope } from '@/db/with-user';

/** What every handler is told about the run in progress. */
export type JobRun = {
  jobId: string;
  /** 1 on the first try, 2 on the first retry… */
  attempt: number;
};

/** A user job's run: the only way to its data is `asUser`, a short transaction as that user. */
/** `asUser` runs `work` in its own transaction as app_user for this user (withUser): keep it short,
 * and send nothing inside it (jobs are sent after the work they follow has committed). */
export type UserJobRun = JobRun & UserScope;

type JobPolicy = {
  /** kebab-case, unique: the pg-boss queue. */
  name: string;
  /** Retries after the first failure (default 4), the first after `retryDelaySeconds` (default 5),
   * each later one about twice as long, never more than `retryDelayMaxSeconds` (default 600). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryDelayMaxSeconds?: number;
  /** A run longer than this is counted as failed and retried (default 15 minutes). */
  expireInSeconds?: number;
  /** How long a completed job is kept (default 7 days; shorter for jobs whose payload should not linger). */
  deleteAfterSeconds?: number;
  /** At most this many of this job at once in a process (never more than JOBS_CONCURRENCY). */
  concurrency?: number;
  /** A user job: at most one of this user's runs at once across every process (pg-boss groups by
   * `userId`), so a freed slot goes to another account before the same one's next job. */
  oneAtATimePerUser?: boolean;
  /** A cron expression (UTC): sent once per occurrence however many instances run. A function when
   * configuration decides it (read when the workers start, not when the module loads, e.g. at build). */
  schedule?: string | (() => string);
};

export type SystemJob<P> = JobPolicy & {
  scope: 'system';
  schema: z.ZodType<P>;
  handler: (payload: P, run: JobRun) => Promise<void>;
};

export type UserJob<P extends { userId: string }> = JobPolicy & {
  scope: 'user';
  schema: z.ZodType<P>;
  handler: (payload: P, run: UserJobRun) => Promise<void>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs of any payload
export type AnyJob = SystemJob<any> | UserJob<any>;

export type PayloadOf<J> = J extends SystemJob<infer P> ? P : J extends UserJob<infer P> ? P : never;

const NAME = /^[a-z][a-z0-9-]{1,48}$/;

export function defineJob<P>(definition: SystemJob<P>): SystemJob<P>;
export function defineJob<P extends { userId: string }>(definition: UserJob<P>): UserJob<P>;
export function defineJob(definition: AnyJob): AnyJob {
  if (!NAME.test(definition.name)) throw new Error(`job name "${definition.name}" must be kebab-case`);
  return Object.freeze(definition);
}

/** The cron expression a scheduled job runs on, or undefined for a job that is only sent. */
export function scheduleOf(job: AnyJob): string | undefined {
  return typeof job.schedule === 'function' ? job.schedule() : job.schedule;
}
