// Workers: pull this app's jobs from the queue and run them, at most JOBS_CONCURRENCY at once in the
// process so jobs never starve requests; register the scheduled jobs (once per occurrence across
// instances). `npm start` runs them in-process (instrumentation.ts), `npm run worker` alone.
import 'server-only';
import type { JobResult, WorkOptions } from 'pg-boss';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { ensureQueue, jobQueue, queueSettings, stopJobQueue, type JobQueue } from '@/queue/client';
import { scheduleOf } from '@/queue/define';
import type { AnyJob } from './define';
import { appJobs } from './registry';
import { runJob } from './run-job';

export type WorkerOptions = {
  /** The jobs to run (default: every job of the app). */
  jobs?: readonly AnyJob[];
  /** Jobs at once, across all of them (default JOBS_CONCURRENCY). */
  concurrency?: number;
  /** Seconds between polls when no NOTIFY wakes a worker (default 2; pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** The queue to work on (tests run two); this process's by default. */
  queue?: JobQueue;
};

/** A counting semaphore: at most `size` tasks in progress; the others wait their turn. */
function limiter(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * One fetch takes a batch, whose jobs run side by side within both limits and settle one by one; a
 * full batch is fetched again at once, so a backlog drains without waiting out the poll each time.
 */
function drainInBatches(ownLimit: number): WorkOptions {
  return { batchSize: Math.max(2, ownLimit), burstWhenBatchFull: true };
}

/**
 * Jobs of one user (pg-boss group: its `userId`) run one at a time across every worker, and the
 * accounts take turns: each job is sent with its turn as priority (src/queue/send.ts, `turnOf`), and the
 * fetch takes the highest priority first, so every account's next job comes before anyone's second.
 * One fetcher more than may run keeps the next job claimed while one runs (the limiter runs them in
 * the order claimed), so a job follows the last without waiting out a poll. One job a fetch: a fetch
 * that comes back full (there is more) fetches again at once while the queue's cached count says so,
 * and the poll is short, so one account's backlog also drains without waiting out a long poll.
 */
function takeUsersInTurn(ownLimit: number, poll: number): WorkOptions {
  return {
    batchSize: 1,
    localConcurrency: ownLimit + 1,
    groupConcurrency: 1,
    burstWhenReadyExceeds: 1,
    pollingIntervalSeconds: Math.min(poll, 0.5),
    notifyPollingIntervalSeconds: Math.min(poll, 0.5),
  };
}

export async function startWorkers(options: WorkerOptions = {}): Promise<JobQueue> {
  const boss = options.queue ?? (await jobQueue());
  const jobs = options.jobs ?? appJobs;
  const concurrency = options.concurrency ?? env().JOBS_CONCURRENCY;
  const slot = limiter(concurrency);
  for (const job of jobs) {
    await ensureQueue(boss, job);
    // Retry and retention settings follow the code, also for a queue made by an older version.
    await boss.updateQueue(job.name, queueSettings(job));
    const ownLimit = Math.min(job.concurrency ?? concurrency, concurrency);
    const own = limiter(ownLimit);
    const poll = options.pollingIntervalSeconds ?? 2;
    await boss.work(
      job.name,
      {
        includeMetadata: true,
        perJobResults: true,
        // NOTIFY wakes a worker for a new job, not for a retry coming due: the poll is what finds those.
        pollingIntervalSeconds: poll,
        notifyPollingIntervalSeconds: poll,
        ...(job.oneAtATimePerUser ? takeUsersInTurn(ownLimit, poll) : drainInBatches(ownLimit)),
      },
      (received) =>
        Promise.all(
          received.map(async (entry): Promise<JobResult> => {
            try {
              await own(() => slot(() => runJob(job, entry.data, { jobId: entry.id, attempt: entry.retryCount + 1 })));
              return { id: entry.id, status: 'completed' };
            } catch (error) {
              const { name, message } = error instanceof Error ? error : new Error(String(error));
              return { id: entry.id, status: 'failed', output: { name, message } };
            }
          }),
        ),
    );
    const schedule = scheduleOf(job);
    if (schedule) await boss.schedule(job.name, schedule, {}, { tz: 'UTC' });
  }
  const scheduled = Object.fromEntries(jobs.flatMap((job) => (scheduleOf(job) ? [[job.name, scheduleOf(job)]] : [])));
  logger().info({ jobs: jobs.map((job) => job.name), concurrency, scheduled }, 'job workers started');
  return boss;
}

/** Stops this process's workers: running jobs get `graceMs` to finish, then go back to the queue as failed tries. */
export async function stopWorkers(graceMs?: number): Promise<void> {
  await stopJobQueue(graceMs);
}
