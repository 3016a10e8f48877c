// Job workers as real processes (`npm run worker`'s scripts/worker.ts under tsx), on PostgreSQL: the
// only database two processes can share (the embedded PGlite belongs to the one process that opened
// it, which is why JOBS_IN_PROCESS=false needs DATABASE_URL). Mail goes to a real SMTP server
// (MailDev), the effect each job has once and only once.
//  (a) A worker SIGKILLed while a send-mail job is in the middle of its SMTP conversation: a new
//      worker runs the job again once pg-boss's supervisor sees its heartbeat stop (the production
//      mechanism, with the period shortened through JOBS_HEARTBEAT_SECONDS), and exactly one message arrives.
//  (b) Two workers competing for 200 send-mail jobs: 200 messages, each once, and both workers took some.
//  (c) A real job that keeps failing (remove-account-files refusing an account that still exists)
//      ends `failed` after its retries, with its error on the job and in the worker's log.
//  (d) A reminder digest (ADR 0037): its mail's SMTP conversation cut by a SIGKILL, the day's job sent
//      again and run afresh — one digest; and sent while SMTP is down — one digest once it is back.
// The same for a test job on both databases, in-process: tests/integration/jobs.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendJob } from '@/queue/send';
import { digestKey } from '@/data/reminders/digest';
import { todayIn } from '@/lib/dates';
import { sendReminderDigestJob } from '@/queue/jobs';
import { removeAccountFilesHandler } from '@/jobs/handlers/remove-account-files';
import { sendMailHandler } from '@/jobs/handlers/send-mail';
import { createJobQueue, type JobQueue } from '@/queue/client';
import { resetEnvForTests } from '@/lib/env';
import { enqueueMail } from '@/mail/enqueue-mail';
import { composeMail } from '@/mail/message';
import { uniqueEmail } from '../support/accounts';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, messagesTo, startMailDev, type ReceivedMail, type SmtpServer } from '../support/maildev';
import { ROOT, removeDir, sleep, tempDir } from './support/harness';
import { startTcpProxy } from './support/tcp-proxy';

/** pg-boss's smallest heartbeat: a dead worker's job is failed and retried within ~30 s, not ~90 s. */
const HEARTBEAT_SECONDS = 10;
const SECRET = 'faults-workers-secret-'.padEnd(48, 'x');

type LogLine = {
  msg: string;
  level: number;
  job?: string;
  jobId?: string;
  attempt?: number;
  willRetry?: boolean;
  err?: { message?: string };
};
type WorkerProcess = { child: ChildProcess; logText: () => string; lines: () => LogLine[]; doneJobs: () => string[] };

let database: TestDatabase;
let dataDir: string;
let boss: JobQueue;
const workers: WorkerProcess[] = [];
const smtpServers: SmtpServer[] = [];

/** `npm run worker` without npm in between: its own process group, so a SIGKILL takes tsx and its node child. */
async function startWorker(label: string, smtpUrl: string): Promise<WorkerProcess> {
  const logFile = path.join(dataDir, `worker-${label}-${Date.now()}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['--conditions=react-server', 'scripts/worker.ts'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: SECRET,
        APP_URL: 'http://localhost:3000',
        DATA_DIR: dataDir,
        SMTP_URL: smtpUrl,
        LOG_LEVEL: 'info',
        JOBS_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
      },
    },
  );
  closeSync(out);
  const logText = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const lines = () =>
    logText()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const worker = {
    child,
    logText,
    lines,
    doneJobs: () =>
      lines().flatMap((line) => (line.msg === 'job done' && line.job === sendMailHandler.name ? [line.jobId!] : [])),
  };
  workers.push(worker);
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker ${label} exited early:\n${logText()}`);
      expect(logText()).toContain('job workers started');
    },
    { timeout: 120_000, interval: 250 },
  );
  return worker;
}

/** SIGKILL to the worker's whole process group: a crash, an OOM kill, a lost machine. */
async function killHard(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  process.kill(-worker.child.pid!, 'SIGKILL');
  await exited;
}

function message(to: string, subject: string) {
  return composeMail({ to, subject, paragraphs: ['A message from the worker fault tests.'] });
}

const to = (mail: ReceivedMail) => mail.to[0]?.address ?? '';

async function jobState(id: string): Promise<{ state?: string; retryCount?: number }> {
  const [job] = await boss.findJobs(sendMailHandler.name, { id });
  return { state: job?.state, retryCount: job?.retryCount };
}

beforeAll(async () => {
  database = await createTestDatabase('faults_workers');
  dataDir = tempDir('workers');
  // This process only sends jobs, on the same database and with the same heartbeat as the workers.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: SECRET,
    APP_URL: 'http://localhost:3000',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
  });
  resetEnvForTests();
  boss = createJobQueue();
  await boss.start();
});

afterAll(async () => {
  for (const worker of workers) await killHard(worker);
  await boss?.stop({ graceful: false, close: true });
  for (const server of smtpServers) await server.stop();
  const { closeDb } = await import('@/db/client');
  await closeDb();
  await database?.drop();
  if (dataDir) removeDir(dataDir);
});

/** An account with reminders on (its scan time left unset: only the test sends its digest) and a pet
 * whose vaccination is due today (UTC) with a reminder on the day, written as the admin role. */
async function accountWithVaccinationDueToday(label: string) {
  const userId = randomUUID();
  const recipient = uniqueEmail(label);
  const today = todayIn('UTC');
  await database.query('insert into users (id, email, email_verified) values ($1, $2, true)', [userId, recipient]);
  await database.query(
    `insert into user_preferences (user_id, time_zone, reminders_enabled) values ($1, 'UTC', true)`,
    [userId],
  );
  const [pet] = await database.query<{ id: string }>(
    `insert into pets (user_id, name, category, birthday, gender) values ($1, 'Rex', 'Dog', '2020-01-01', 'male') returning id`,
    [userId],
  );
  await database.query(
    `insert into vaccinations (pet_id, vaccine, given_on, next_due_on, remind_days_before) values ($1, 'Rabies', '2020-06-01', $2, 0)`,
    [pet!.id, today],
  );
  return { recipient, digest: { userId, localDate: today } };
}

describe('job workers as processes (PostgreSQL)', () => {
  it('a worker SIGKILLed mid-job: a new worker retries the job after its heartbeat stops, and the message arrives once', async () => {
    const smtp = await startMailDev(await freePort());
    smtpServers.push(smtp);
    // Between the worker and SMTP: the first conversation stalls once the worker has said MAIL FROM,
    // so the job is observably in progress, its message not yet sent.
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: smtp.smtpPort });
    const stall = proxy.holdRepliesAfter('MAIL FROM');
    const first = await startWorker('first', `smtp://127.0.0.1:${proxy.port}`);

    const recipient = uniqueEmail('killed-mid-job');
    const id = (await enqueueMail(message(recipient, 'Sent once despite a crash'), { queue: boss }))!;
    await stall.seen;
    expect(await jobState(id)).toEqual({ state: 'active', retryCount: 0 });
    await killHard(first);
    expect(first.child.signalCode).toBe('SIGKILL');
    stall.release();
    // Nobody is working on it, and nothing reached the server: the job is still "active", as the dead
    // worker left it, until its heartbeat is missed.
    await sleep(2_000);
    expect(await jobState(id)).toMatchObject({ state: 'active' });
    expect((await smtp.messages()).filter((mail) => to(mail) === recipient)).toHaveLength(0);

    const second = await startWorker('second', `smtp://127.0.0.1:${proxy.port}`);
    // Put back by the heartbeat check (not by the 2-minute expiry of send-mail): failed as "heartbeat
    // timeout", waiting out its retry delay.
    await vi.waitFor(
      async () =>
        expect((await boss.findJobs(sendMailHandler.name, { id }))[0]).toMatchObject({
          state: 'retry',
          output: { value: { message: 'job heartbeat timeout' } },
        }),
      { timeout: 100_000, interval: 250 },
    );
    await vi.waitFor(async () => expect(await jobState(id)).toMatchObject({ state: 'completed' }), {
      timeout: 150_000,
      interval: 500,
    });
    // The dead worker's try counted as a failed one; the retry did the work.
    expect((await jobState(id)).retryCount).toBe(1);
    expect(second.doneJobs()).toEqual([id]);
    await sleep(1_000);
    const received = (await smtp.messages()).filter((mail) => to(mail) === recipient);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('Sent once despite a crash');
    expect(received[0]!.headers['message-id']).toBe(`<${id}@localhost>`);
    await killHard(second);
    await proxy.close();
  }, 240_000);

  it('two workers competing for 200 jobs: each job is done once (200 distinct messages), by both workers', async () => {
    const smtp = await startMailDev(await freePort());
    smtpServers.push(smtp);
    const smtpUrl = `smtp://127.0.0.1:${smtp.smtpPort}`;
    const [left, right] = await Promise.all([startWorker('left', smtpUrl), startWorker('right', smtpUrl)]);

    const recipients = Array.from({ length: 200 }, (_, index) => uniqueEmail(`competing-${index}`));
    const ids: string[] = [];
    for (let start = 0; start < recipients.length; start += 20) {
      const sent = await Promise.all(
        recipients
          .slice(start, start + 20)
          .map((recipient, offset) => enqueueMail(message(recipient, `Job ${start + offset}`), { queue: boss })),
      );
      ids.push(...sent.map((id) => id!));
    }
    await vi.waitFor(async () => expect((await smtp.messages()).length).toBeGreaterThanOrEqual(200), {
      timeout: 150_000,
      interval: 1_000,
    });
    // A duplicate would arrive just after: give it the time.
    await sleep(3_000);
    const received = await smtp.messages();
    expect(received).toHaveLength(200);
    expect(new Set(received.map(to))).toEqual(new Set(recipients));
    expect(new Set(received.map((mail) => mail.headers['message-id'])).size).toBe(200);

    const doneLeft = left.doneJobs();
    const doneRight = right.doneJobs();
    expect(doneLeft.length).toBeGreaterThan(0);
    expect(doneRight.length).toBeGreaterThan(0);
    expect([...doneLeft, ...doneRight].sort()).toEqual([...ids].sort());
    console.log(`200 jobs: ${doneLeft.length} done by one worker, ${doneRight.length} by the other`);
    await Promise.all([killHard(left), killHard(right)]);
  }, 240_000);

  it('a reminder digest: its mail cut off by a SIGKILL, its job sent again, a new run of the day: one digest arrives', async () => {
    const smtp = await startMailDev(await freePort());
    smtpServers.push(smtp);
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: smtp.smtpPort });
    const stall = proxy.holdRepliesAfter('MAIL FROM');
    const smtpUrl = `smtp://127.0.0.1:${proxy.port}`;
    const first = await startWorker('digest-first', smtpUrl);
    const { recipient, digest } = await accountWithVaccinationDueToday('digest-killed');

    await sendJob(sendReminderDigestJob, digest, { key: digestKey(digest), queue: boss });
    // The digest was claimed and handed to send-mail, whose SMTP conversation is now held: kill it there.
    await stall.seen;
    await killHard(first);
    stall.release();
    // The scan sending the same day again adds nothing (its key); a fresh run of the day (as after the
    // keyed job's retention) finds the day decided and sends nothing more.
    expect(await sendJob(sendReminderDigestJob, digest, { key: digestKey(digest), queue: boss })).toBeNull();
    const rerun = (await sendJob(sendReminderDigestJob, digest, { queue: boss }))!;

    const second = await startWorker('digest-second', smtpUrl);
    await vi.waitFor(
      async () => expect((await boss.findJobs(sendReminderDigestJob.name, { id: rerun }))[0]?.state).toBe('completed'),
      { timeout: 60_000, interval: 500 },
    );
    await vi.waitFor(async () => expect(messagesTo(await smtp.messages(), recipient)).toHaveLength(1), {
      timeout: 150_000,
      interval: 500,
    });
    await sleep(2_000);
    const [mail] = messagesTo(await smtp.messages(), recipient);
    expect(messagesTo(await smtp.messages(), recipient)).toHaveLength(1);
    expect(mail!.subject).toBe('Pawprint: 1 thing due for Rex today');
    await killHard(second);
    await proxy.close();
  }, 240_000);

  it('a reminder digest while SMTP is down: the mail job retries, and once SMTP is back one digest arrives', async () => {
    const port = await freePort();
    const worker = await startWorker('digest-outage', `smtp://127.0.0.1:${port}`);
    const { recipient, digest } = await accountWithVaccinationDueToday('digest-outage');
    await sendJob(sendReminderDigestJob, digest, { key: digestKey(digest), queue: boss });
    // Refused at least once while nothing listens.
    await vi.waitFor(
      () =>
        expect(worker.lines().some((line) => line.job === sendMailHandler.name && line.willRetry === true)).toBe(true),
      { timeout: 60_000, interval: 250 },
    );
    const smtp = await startMailDev(port);
    smtpServers.push(smtp);
    await vi.waitFor(async () => expect(messagesTo(await smtp.messages(), recipient)).toHaveLength(1), {
      timeout: 150_000,
      interval: 500,
    });
    // The day's job again: nothing more.
    await sendJob(sendReminderDigestJob, digest, { queue: boss });
    await sleep(5_000);
    expect(messagesTo(await smtp.messages(), recipient)).toHaveLength(1);
    await killHard(worker);
  }, 240_000);

  it('a job that keeps failing ends failed after its retries, with its error on the job and in the log', async () => {
    await startWorker('failing', 'smtp://127.0.0.1:1');
    // An account that still exists: remove-account-files refuses it on every try (its safety check).
    const userId = randomUUID();
    await database.query('insert into users (id, email) values ($1, $2)', [userId, uniqueEmail('still-here')]);
    const id = (await sendJob(removeAccountFilesHandler, { userId }, { queue: boss }))!;
    await vi.waitFor(
      async () => expect((await boss.findJobs(removeAccountFilesHandler.name, { id }))[0]?.state).toBe('failed'),
      { timeout: 280_000, interval: 1_000 },
    );
    const [job] = await boss.findJobs(removeAccountFilesHandler.name, { id });
    // The default policy: 4 retries after the first try.
    expect(job!.retryCount).toBe(4);
    expect(JSON.stringify(job!.output)).toContain(`account ${userId} still exists`);
    // Every worker process that took a try logged it (another test's worker may still be running).
    const failures = workers
      .flatMap((worker) => worker.lines())
      .filter((line) => line.jobId === id && line.level === 50)
      .sort((a, b) => a.attempt! - b.attempt!);
    expect(failures.map((line) => [line.attempt, line.willRetry])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ]);
    expect(failures.at(-1)).toMatchObject({
      msg: `job ${removeAccountFilesHandler.name} failed for good`,
      err: { message: expect.stringContaining('still exists') },
    });
  }, 320_000);
});
