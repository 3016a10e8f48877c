// The job queue on the test's database (PGlite, or PostgreSQL with TEST_DATABASE=postgres): a job runs
// once, a failing one retries with backoff and ends failed with its error logged, a user job sees only
// its user's rows, the app's transactions and the queue's polling interleave on PGlite's one
// connection, and a schedule sends once per occurrence with two queue instances at work.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { db, type Transaction } from '@/db/client';
import { users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import type { AnyJob } from '@/jobs/define';
import { testJob } from '../support/test-jobs';
import { sendJob } from '@/queue/send';
import { sweepStorageHandler } from '@/jobs/handlers/sweep-storage';
import { createJobQueue, stopJobQueue, type JobQueue } from '@/queue/client';
import { appJobs } from '@/jobs/registry';
import { startWorkers } from '@/jobs/workers';
import { captureLogs } from '../support/capture-logs';
import { uniqueEmail } from '../support/accounts';

// Queue names unique to this run: on PostgreSQL every test file shares one database.
const run = randomUUID().slice(0, 8);
const queues: JobQueue[] = [];

async function startedQueue(options: Parameters<typeof createJobQueue>[0] = {}): Promise<JobQueue> {
  const boss = createJobQueue(options);
  await boss.start();
  queues.push(boss);
  return boss;
}

async function work(boss: JobQueue, jobs: AnyJob[], concurrency = 2): Promise<void> {
  await startWorkers({ queue: boss, jobs, concurrency, pollingIntervalSeconds: 0.5 });
}

async function createUser(): Promise<string> {
  const [row] = await db()
    .insert(users)
    .values({ email: uniqueEmail('jobs') })
    .returning({ id: users.id });
  return row!.id;
}

async function rows<T>(tx: Transaction, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

const addPet = (owner: string, name: string) =>
  withUser(db(), owner, (tx) =>
    rows(
      tx,
      sql`insert into pets (user_id, name, category, birthday, gender) values (${owner}, ${name}, 'cat', '2021-02-03', 'female') returning id`,
    ),
  );

let boss: JobQueue;

beforeAll(async () => {
  boss = await startedQueue();
});

afterAll(async () => {
  for (const queue of queues) await queue.stop({ graceful: false, close: true });
  await stopJobQueue();
});

describe('the job queue', () => {
  it('runs an enqueued job once; a second send under the same key adds nothing', async () => {
    const effects: string[] = [];
    const job = testJob({
      name: `once-${run}`,
      scope: 'system',
      schema: z.object({ petName: z.string() }),
      handler: async (payload, { jobId }) => {
        effects.push(`${jobId}:${payload.petName}`);
      },
    });
    await work(boss, [job]);
    const id = await sendJob(job, { petName: 'Rex' }, { queue: boss, key: 'rex' });
    const again = await sendJob(job, { petName: 'Rex' }, { queue: boss, key: 'rex' });
    expect(id).toEqual(expect.any(String));
    expect(again).toBeNull();
    await vi.waitFor(async () => expect((await boss.getJobById(job.name, id!))?.state).toBe('completed'), {
      timeout: 10_000,
      interval: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(effects).toEqual([`${id}:Rex`]);
  });

  it('refuses a payload that does not match the schema, in the caller', async () => {
    const job = testJob({
      name: `typed-${run}`,
      scope: 'system',
      schema: z.object({ petId: z.uuid() }),
      handler: async () => {},
    });
    await expect(sendJob(job, { petId: 'not-an-id' }, { queue: boss })).rejects.toThrow();
  });

  it('retries a failing handler with growing delays, then marks the job failed and logs the error', async () => {
    const logs = captureLogs();
    const attempts: Array<{ at: number; attempt: number }> = [];
    const job = testJob({
      name: `failing-${run}`,
      scope: 'system',
      schema: z.object({}),
      retryLimit: 2,
      retryDelaySeconds: 1,
      handler: async (_payload, { attempt }) => {
        attempts.push({ at: Date.now(), attempt });
        throw new Error('the mail server said no');
      },
    });
    try {
      await work(boss, [job]);
      const id = await sendJob(job, {}, { queue: boss });
      await vi.waitFor(async () => expect((await boss.getJobById(job.name, id!))?.state).toBe('failed'), {
        timeout: 20_000,
        interval: 200,
      });
      expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = attempts.map((entry) => entry.at) as [number, number, number];
      // Backoff: about 1 s (1–2 s) before the first retry, about 2 s (2–4 s) before the second.
      expect(second - first).toBeGreaterThanOrEqual(900);
      expect(third - second).toBeGreaterThanOrEqual(1_900);
      const failure = await boss.getJobById(job.name, id!);
      expect(JSON.stringify(failure?.output)).toContain('the mail server said no');
      const logged = logs.lines.filter((line) => line.job === job.name && line.level === 50);
      expect(logged.map((line) => [line.attempt, line.willRetry])).toEqual([
        [1, true],
        [2, true],
        [3, false],
      ]);
      expect(logged.at(-1)).toMatchObject({
        msg: `job ${job.name} failed for good`,
        err: expect.objectContaining({ message: 'the mail server said no' }),
      });
    } finally {
      logs.restore();
    }
  });

  it("a user's job sees only that user's rows, and nothing of the queue's tables", async () => {
    const alice = await createUser();
    const bob = await createUser();
    await addPet(alice, 'Alice cat');
    await addPet(bob, 'Bob cat');
    const seen: Array<{ owners: string[]; queueRead: string }> = [];
    const job = testJob({
      name: `user-scope-${run}`,
      scope: 'user',
      schema: z.object({ userId: z.uuid() }),
      handler: async (_payload, { asUser }) => {
        const owners = await asUser((tx) => rows<{ user_id: string }>(tx, sql`select user_id from pets`));
        const queueRead = await asUser((tx) => rows(tx, sql`select id from pgboss.job limit 1`)).then(
          () => 'read',
          (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
        );
        seen.push({ owners: [...new Set(owners.map((row) => row.user_id))], queueRead });
      },
    });
    await work(boss, [job]);
    await sendJob(job, { userId: alice }, { queue: boss });
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect(seen[0]).toEqual({ owners: [alice], queueRead: expect.stringMatching(/permission denied/) });
  });

  it('refuses to enqueue inside a user transaction (it would hang on PGlite, or run before the commit)', async () => {
    const user = await createUser();
    const job = testJob({ name: `inside-${run}`, scope: 'system', schema: z.object({}), handler: async () => {} });
    await expect(withUser(db(), user, () => sendJob(job, {}, { queue: boss }))).rejects.toThrow(
      /send after it commits/,
    );
  });

  it("interleaves with the app's own transactions (PGlite has one connection): nothing waits forever", async () => {
    const owner = await createUser();
    const done: string[] = [];
    const job = testJob({
      name: `busy-${run}`,
      scope: 'user',
      schema: z.object({ userId: z.uuid(), n: z.number() }),
      handler: async ({ n }, { asUser }) => {
        await asUser((tx) =>
          rows(
            tx,
            sql`insert into pets (user_id, name, category, birthday, gender) values (${owner}, ${`Job ${n}`}, 'dog', '2020-01-01', 'male')`,
          ),
        );
        done.push(String(n));
      },
    });
    await work(boss, [job], 2);
    const started = Date.now();
    // Requests' transactions and the queue's sends, fetches and completions, all at once.
    const requests = Array.from({ length: 40 }, (_, i) =>
      withUser(db(), owner, async (tx) => {
        await rows(tx, sql`select count(*) from pets`);
        await rows(
          tx,
          sql`insert into pets (user_id, name, category, birthday, gender) values (${owner}, ${`Request ${i}`}, 'dog', '2020-01-01', 'male')`,
        );
      }),
    );
    const sends = Array.from({ length: 20 }, (_, n) => sendJob(job, { userId: owner, n }, { queue: boss }));
    await Promise.all([...requests, ...sends]);
    await vi.waitFor(() => expect(done).toHaveLength(20), { timeout: 20_000, interval: 100 });
    const count = await withUser(db(), owner, (tx) =>
      rows<{ n: number }>(tx, sql`select count(*)::int as n from pets`),
    );
    expect(count[0]!.n).toBe(60);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('schedules the storage sweep every 15 minutes, and the sweep runs as a job', async () => {
    expect(appJobs).toContain(sweepStorageHandler);
    await work(boss, [sweepStorageHandler]);
    const schedules = await boss.getSchedules(sweepStorageHandler.name);
    expect(schedules.map((schedule) => schedule.cron)).toEqual(['*/15 * * * *']);
    const id = await sendJob(sweepStorageHandler, {}, { queue: boss });
    await vi.waitFor(
      async () => expect((await boss.getJobById(sweepStorageHandler.name, id!))?.state).toBe('completed'),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
  });

  it('sends a scheduled job once per occurrence with two queue instances working', async () => {
    const runs: string[] = [];
    const job = testJob({
      name: `every-minute-${run}`,
      scope: 'system',
      schema: z.object({}),
      schedule: '* * * * *',
      handler: async (_payload, { jobId }) => {
        runs.push(jobId);
      },
    });
    // Each instance checks for due occurrences every second: within the occurrence's minute both find
    // it due again and again, and race to send it.
    const first = await startedQueue({ cronIntervalSeconds: 1, instanceName: 'first' });
    const second = await startedQueue({ cronIntervalSeconds: 1, instanceName: 'second' });
    await work(first, [job]);
    await work(second, [job]);
    const started = Date.now();
    await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(1), { timeout: 15_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await first.unschedule(job.name);
    const minutes = new Set([Math.floor(started / 60_000), Math.floor(Date.now() / 60_000)]).size;
    const sent = await first.findJobs(job.name);
    // One job per occurrence (a minute may have turned meanwhile), not one per instance: each of a
    // different minute (pg-boss lets one instance at a time make a cron pass; the jobs carry no
    // singleton slot to compare), and each run once.
    const seen = JSON.stringify(sent.map(({ id, createdOn, state }) => ({ id, createdOn, state })));
    expect(sent.length, seen).toBeLessThanOrEqual(minutes);
    const minuteOf = (entry: (typeof sent)[number]) => Math.floor(new Date(entry.createdOn).getTime() / 60_000);
    expect(new Set(sent.map(minuteOf)).size, seen).toBe(sent.length);
    expect(runs.length).toBe(new Set(runs).size);
    expect(new Set(runs)).toEqual(new Set(sent.map((entry) => entry.id)));
  });
});
