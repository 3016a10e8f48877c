// A job made up by a test: its definition and its handler in one step (the app keeps them apart:
// definitions in src/queue/jobs.ts, handlers in src/jobs/handlers).
import { handleJob, type JobRun, type SystemJob, type UserJob, type UserJobRun } from '@/jobs/define';
import { defineJob, type SystemJobDefinition, type UserJobDefinition } from '@/queue/define';

export function testJob<P>(
  job: SystemJobDefinition<P> & { handler: (payload: P, run: JobRun) => Promise<void> },
): SystemJob<P>;
export function testJob<P extends { userId: string }>(
  job: UserJobDefinition<P> & { handler: (payload: P, run: UserJobRun) => Promise<void> },
): UserJob<P>;
/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- either kind of job */
export function testJob({ handler, ...definition }: any): any {
  return handleJob(defineJob(definition), handler);
}
