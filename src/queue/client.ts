// The job queue of this process: pg-boss on the app's own database (ADR 0011) — on PGlite through its
// adapter (the one embedded instance, statements queued with the app's), on PostgreSQL through a small
// pool of its own. One instance per process, on globalThis: the custom server and Next's bundle share it.
import 'server-only';
import { PgBoss, fromPglite, type ConstructorOptions, type Queue } from 'pg-boss';
import { driver } from '@/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import type { AnyJobDefinition } from './define';

/** pg-boss keeps its tables in a schema of its own, apart from the app's migrations; app_user has no grant on it. */
export const QUEUE_SCHEMA = 'pgboss';

/** Connections of pg-boss's own pool on PostgreSQL (its polling and bookkeeping; handlers use the app's pool). */
const QUEUE_POOL_MAX = 3;

export type JobQueueOptions = {
  /** Seconds between the checks for due schedules (default 30; tests use 1). */
  cronIntervalSeconds?: number;
  /** A name for this instance in pg-boss's registry (tests run two in one process). */
  instanceName?: string;
};

export type JobQueue = PgBoss;

function supervisorPassSeconds(): number {
  return Math.min(60, 2 * env().JOBS_HEARTBEAT_SECONDS);
}

/** A new, unstarted queue client on the configured database. */
export function createJobQueue(options: JobQueueOptions = {}): JobQueue {
  const cron = options.cronIntervalSeconds;
  const common: ConstructorOptions = {
    schema: QUEUE_SCHEMA,
    // The supervisor's pass over a queue is what fails a job whose heartbeat stopped (its worker died)
    // so it is retried: every two heartbeat periods, at most a minute apart (pg-boss's default), so
    // such a job is back within a heartbeat period plus this (30 s + 60 s by default).
    superviseIntervalSeconds: supervisorPassSeconds(),
    monitorIntervalSeconds: supervisorPassSeconds(),
    // Workers wake on NOTIFY the moment a job is sent; polling stays as the floor.
    useListenNotify: true,
    instanceName: options.instanceName,
    openTelemetry: { enabled: false },
    ...(cron ? { cronMonitorIntervalSeconds: cron, cronWorkerIntervalSeconds: cron } : {}),
  };
  const handle = driver();
  const boss =
    handle.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(handle.client), backend: 'pglite' })
      : new PgBoss({
          ...common,
          connectionString: env().DATABASE_URL,
          max: QUEUE_POOL_MAX,
          application_name: 'pawprint-jobs',
        });
  boss.on('error', (error: unknown) => logger().error({ err: error }, 'job queue error'));
  boss.on('warning', (warning: { message?: string; data?: unknown }) =>
    logger().warn({ data: warning.data }, `job queue: ${warning.message ?? 'warning'}`),
  );
  return boss;
}

/** The queue settings pg-boss keeps per job: retries with backoff, expiry, heartbeat, retention. */
export function queueSettings(job: AnyJobDefinition): Omit<Queue, 'name'> {
  return {
    retryLimit: job.retryLimit ?? 4,
    retryDelay: job.retryDelaySeconds ?? 5,
    retryBackoff: true,
    retryDelayMax: job.retryDelayMaxSeconds ?? 600,
    expireInSeconds: job.expireInSeconds ?? 15 * 60,
    deleteAfterSeconds: job.deleteAfterSeconds ?? 7 * 24 * 60 * 60,
    // Running jobs report every half period (15 s by default); one whose worker died (SIGKILL, a lost
    // machine) is failed by a supervisor once silent for the period, and retried, instead of waiting
    // out expireInSeconds. JOBS_HEARTBEAT_SECONDS, read when the job is sent (pg-boss copies it).
    heartbeatSeconds: env().JOBS_HEARTBEAT_SECONDS,
    notify: true,
  };
}

const createdQueues = new WeakMap<JobQueue, Set<string>>();

/** Creates the job's queue if it is missing (idempotent; once per process and job). */
export async function ensureQueue(boss: JobQueue, job: AnyJobDefinition): Promise<void> {
  const created = createdQueues.get(boss) ?? new Set<string>();
  createdQueues.set(boss, created);
  if (created.has(job.name)) return;
  await boss.createQueue(job.name, queueSettings(job));
  created.add(job.name);
}

const globalForQueue = globalThis as unknown as { __pawprintJobQueue?: Promise<JobQueue> };

/** This process's started queue (installs or upgrades pg-boss's schema on first start). */
export function jobQueue(options?: JobQueueOptions): Promise<JobQueue> {
  if (!globalForQueue.__pawprintJobQueue) {
    const boss = createJobQueue(options);
    const started = boss.start().then(() => boss);
    globalForQueue.__pawprintJobQueue = started;
    // A failed start is not remembered: the next call tries again.
    started.catch(() => {
      if (globalForQueue.__pawprintJobQueue === started) delete globalForQueue.__pawprintJobQueue;
    });
  }
  return globalForQueue.__pawprintJobQueue;
}

/** Stops this process's queue: running jobs get `graceMs` to finish, then are failed so they retry elsewhere. */
export async function stopJobQueue(graceMs = 8_000): Promise<void> {
  const pending = globalForQueue.__pawprintJobQueue;
  if (!pending) return;
  delete globalForQueue.__pawprintJobQueue;
  const boss = await pending.catch(() => undefined);
  if (!boss) return;
  await boss.stop({ graceful: true, timeout: graceMs, close: true });
  logger().info('job queue stopped');
}
