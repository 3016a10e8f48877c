// A job's definition (ADR 0011): its name, the schema of its payload and its policy — what a sender
// needs, and nothing of its handler. Definitions live here, below the data layer, so the DAL sends
// jobs without importing the handlers above it (src/jobs/handlers), which call the DAL.
// Rules: a payload carries ids, never secrets or file bytes.
import 'server-only';
import type { z } from 'zod';

export type JobPolicy = {
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

/** A job with no user: it runs with the privileges its handler's DAL calls need. */
export type SystemJobDefinition<P> = JobPolicy & { scope: 'system'; schema: z.ZodType<P> };

/** A user's job: its handler reaches the user's data only as that user (row-level security). */
export type UserJobDefinition<P extends { userId: string }> = JobPolicy & { scope: 'user'; schema: z.ZodType<P> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs of any payload
export type AnyJobDefinition = SystemJobDefinition<any> | UserJobDefinition<any>;

export type PayloadOf<J> =
  J extends SystemJobDefinition<infer P> ? P : J extends UserJobDefinition<infer P> ? P : never;

const NAME = /^[a-z][a-z0-9-]{1,48}$/;

export function defineJob<P>(definition: SystemJobDefinition<P>): SystemJobDefinition<P>;
export function defineJob<P extends { userId: string }>(definition: UserJobDefinition<P>): UserJobDefinition<P>;
export function defineJob(definition: AnyJobDefinition): AnyJobDefinition {
  if (!NAME.test(definition.name)) throw new Error(`job name "${definition.name}" must be kebab-case`);
  return Object.freeze(definition);
}

/** The cron expression a scheduled job runs on, or undefined for a job that is only sent. */
export function scheduleOf(job: AnyJobDefinition): string | undefined {
  return typeof job.schedule === 'function' ? job.schedule() : job.schedule;
}
