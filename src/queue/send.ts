// The one way to send a job: the payload is checked against the job's schema and size here, so a bad
// one fails in the caller, not later in a worker. Called after the work it follows has committed,
// never inside withUser.
import 'server-only';
import { isInsideUserTransaction } from '@/db/with-user';
import { uuidFromHash } from '@/lib/uuid';
import { ensureQueue, jobQueue, type JobQueue } from './client';
import type { AnyJobDefinition, PayloadOf } from './define';

/** A payload carries ids and short text, not bytes. */
const MAX_PAYLOAD_BYTES = 64 * 1024;

export type SendOptions = {
  /** Idempotency key: the job is added once per key (e.g. `export:${exportId}`); a later send with the
   * same key adds nothing while the first is kept (until deleteAfterSeconds after it completes). */
  key?: string;
  /** Run no earlier than this. */
  startAfter?: Date;
  /** The queue to send to (tests); this process's by default. */
  queue?: JobQueue;
};

/**
 * The priority of a user's next job of a kind run one at a time per user: minus the jobs of theirs
 * still waiting. Workers take the highest priority first, then the oldest, so every account's next
 * job runs before anyone's second: an account with ten photos queued delays another's first by one
 * or two of its own (the one running, and one a spare fetcher may have claimed: src/jobs/workers.ts).
 * Decided here, in the queue's order, not by which fetcher polls first: two fetchers polling at once
 * both see no job of a group running, and pg-boss's group limit then lets the older job of the busy
 * group win (ADR 0016). Counted with pg-boss's public `findJobs` (queued: created or retry; the
 * payload names the user, who is also the group).
 */
async function turnOf(boss: JobQueue, jobName: string, userId: string): Promise<number> {
  const waiting = await boss.findJobs(jobName, { data: { userId }, queued: true, limit: 100_000 });
  return -waiting.length;
}

/** Adds a job and returns its id, or null when a job with the same `key` exists already. */
export async function sendJob<J extends AnyJobDefinition>(
  job: J,
  payload: PayloadOf<J>,
  options: SendOptions = {},
): Promise<string | null> {
  // On PGlite the transaction holds the only connection (the send would wait for it forever); on
  // PostgreSQL the job could run before, or without, the work it follows.
  if (isInsideUserTransaction()) throw new Error(`sendJob(${job.name}) inside withUser: send after it commits`);
  const data = job.schema.parse(payload) as object;
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_PAYLOAD_BYTES)
    throw new Error(`job ${job.name}: payload over ${MAX_PAYLOAD_BYTES} bytes (jobs carry ids, not bytes)`);
  const boss = options.queue ?? (await jobQueue());
  await ensureQueue(boss, job);
  const userId = job.scope === 'user' && job.oneAtATimePerUser ? (data as { userId: string }).userId : null;
  return boss.send(job.name, data, {
    // The same key is the same job id: pg-boss adds a job id once.
    ...(options.key ? { id: uuidFromHash(job.name, options.key) } : {}),
    // Jobs of one user form a group, which workers run one at a time (src/jobs/workers.ts), in turns.
    ...(userId ? { group: { id: userId }, priority: await turnOf(boss, job.name, userId) } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
}

/**
 * Adds many jobs of one kind in one statement per call (pg-boss `insert`), each under its idempotency
 * key: a key already queued adds nothing. For bulk senders (the reminder scan) where one `send` per job
 * would cost a round trip each; not for jobs run one at a time per user (their turn is per send).
 */
export async function sendJobs<J extends AnyJobDefinition>(
  job: J,
  entries: { payload: PayloadOf<J>; key: string }[],
  options: Pick<SendOptions, 'queue'> = {},
): Promise<void> {
  if (isInsideUserTransaction()) throw new Error(`sendJobs(${job.name}) inside withUser: send after it commits`);
  if (job.oneAtATimePerUser) throw new Error(`sendJobs(${job.name}): a job run in turns per user is sent one by one`);
  if (entries.length === 0) return;
  const boss = options.queue ?? (await jobQueue());
  await ensureQueue(boss, job);
  await boss.insert(
    job.name,
    entries.map(({ payload, key }) => ({ id: uuidFromHash(job.name, key), data: job.schema.parse(payload) as object })),
  );
}
