// Jobs across the cluster: the three instances run in-process workers too (JOBS_IN_PROCESS=true)
// beside two `npm run worker` processes, so five processes schedule the storage sweep — set to every
// minute through SWEEP_SCHEDULE — and each minute's sweep runs once. Alongside (the two waits
// overlap), a mail job held in progress on one process (its SMTP delivery held by a relay) is
// SIGKILLed with it; another process finishes it once pg-boss sees the heartbeat stop, and the
// message arrives once.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { seal } from '@/mail/seal';
import { freePort, startMailDev, type SmtpServer } from '../support/maildev';
import { startHeldSmtp, type HeldSmtp } from './support/held-smtp';
import { rangePort, startCluster, type Cluster } from './support/rig';
import { sleep } from './support/shared';

const EVERY_MINUTE = '* * * * *';

let cluster: Cluster;
let maildev: SmtpServer;
let relay: HeldSmtp;
let sender: PgBoss;

/** The logs of every process that runs jobs: the instances (in-process workers) and the two workers,
 * the one killed below included. */
let jobLogs: string[] = [];
/** The cluster's auth secret, which this process needs too: a mail job's message is sealed with it (ADR 0023). */
const AUTH_SECRET = randomBytes(32).toString('base64');

beforeAll(async () => {
  maildev = await startMailDev(await freePort());
  relay = await startHeldSmtp({ port: await rangePort(), upstreamPort: maildev.smtpPort });
  cluster = await startCluster({
    workers: 2,
    env: {
      JOBS_IN_PROCESS: 'true',
      SWEEP_SCHEDULE: EVERY_MINUTE,
      SMTP_URL: `smtp://127.0.0.1:${relay.port}`,
      BETTER_AUTH_SECRET: AUTH_SECRET,
    },
  });
  Object.assign(process.env, { BETTER_AUTH_SECRET: AUTH_SECRET, APP_URL: cluster.origin });
  resetEnvForTests();
  jobLogs = [
    ...cluster.instances.map((instance) => instance.logFile),
    ...cluster.workers.map((worker) => worker.logFile),
  ];
  // What a request does when it sends mail: one job on the queue the workers made (no worker of its own).
  sender = new PgBoss({
    connectionString: cluster.database.url,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
    migrate: false,
    max: 1,
  });
  await sender.start();
});

afterAll(async () => {
  await sender?.stop({ graceful: false, close: true });
  await cluster?.dispose();
  await relay?.stop();
  await maildev?.stop();
});

type JobRow = { id: string; state: string; created_on: Date; retry_count: number };

const jobsNamed = (name: string) =>
  cluster.database.query<JobRow>(
    'select id::text, state::text, created_on, retry_count from pgboss.job where name = $1 order by created_on',
    [name],
  );

describe.concurrent('jobs across the cluster', () => {
  it('five processes schedule the sweep every minute: each minute it runs exactly once', async () => {
    expect(jobLogs).toHaveLength(5);
    for (const file of jobLogs)
      // The sweep among the process's scheduled jobs (the export clean-up is scheduled too).
      expect(readFileSync(file, 'utf8')).toMatch(/"scheduled":\{[^}]*"sweep-storage":"\* \* \* \* \*"/);

    // Three occurrences, then a little longer: a second copy of the last one would come within seconds.
    let sweeps: JobRow[] = [];
    const deadline = Date.now() + 250_000;
    for (;;) {
      sweeps = await jobsNamed('sweep-storage');
      const third = sweeps[2];
      if (third && Date.now() - third.created_on.getTime() > 20_000 && sweeps.every((job) => job.state === 'completed'))
        break;
      if (Date.now() > deadline) throw new Error(`sweeps seen: ${JSON.stringify(sweeps)}`);
      await sleep(2_000);
    }
    const times = sweeps.map((job) => job.created_on.getTime());
    const gaps = times.slice(1).map((time, index) => Math.round((time - times[index]!) / 1000));
    console.log(`sweep every minute with 5 processes scheduling: ${sweeps.length} runs, gaps ${gaps.join(', ')} s`);
    // One occurrence a minute: two sends of one occurrence would be seconds apart, a missed one ~120 s.
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(15);
      expect(gap).toBeLessThan(100);
    }
    // The effect: the sweep ran once per job, on whichever process took it.
    const runs = jobLogs.map((file) => readFileSync(file, 'utf8').split('"msg":"storage sweep done"').length - 1);
    expect(runs.reduce((sum, count) => sum + count, 0)).toBe(sweeps.length);
  });

  it('a mail job whose process is SIGKILLed mid-delivery is finished by another, the message sent once', async () => {
    const subject = `Held delivery ${randomBytes(4).toString('hex')}`;
    relay.setHold(true);
    const message = {
      to: 'held@example.com',
      subject,
      text: 'A message whose first delivery is cut off.',
      html: '<p>A message whose first delivery is cut off.</p>',
    };
    const jobId = await sender.send('send-mail', { sealed: seal(JSON.stringify(message)) });
    expect(jobId).not.toBeNull();

    // In progress on one process: the job is active and its SMTP conversation is held open.
    let held = relay.connections.find((connection) => connection.held && !connection.closed);
    const deadline = Date.now() + 30_000;
    while (!held?.owner) {
      if (Date.now() > deadline) throw new Error('no process began delivering the mail');
      await sleep(100);
      held = relay.connections.find((connection) => connection.held && !connection.closed);
    }
    const [active] = await cluster.database.query<{ state: string }>(
      'select state::text from pgboss.job where id = $1',
      [jobId],
    );
    expect(active?.state).toBe('active');
    relay.setHold(false);

    const worker = cluster.workers.find((candidate) => candidate.process.pid === held.owner);
    const instance = cluster.instances.findIndex((candidate) => candidate.server?.process.pid === held.owner);
    expect(worker ?? instance >= 0, `process group ${held.owner} is one of the cluster's`).toBeTruthy();
    const killedAt = Date.now();
    if (worker) await cluster.killWorker(worker);
    else await cluster.kill(instance);
    const killed = worker ? worker.name : cluster.instances[instance]!.name;

    // pg-boss notices the missing heartbeat (30 s) at a supervise pass (every 60 s), then retries.
    let delivered: number;
    for (;;) {
      const [job] = await cluster.database.query<{ state: string }>(
        'select state::text from pgboss.job where id = $1',
        [jobId],
      );
      delivered = (await maildev.messages()).filter((message) => message.subject === subject).length;
      if (job?.state === 'completed' && delivered > 0) break;
      if (Date.now() - killedAt > 200_000) throw new Error(`job ${jobId} is ${job?.state}, ${delivered} delivered`);
      await sleep(2_000);
    }
    const finishedInS = Math.round((Date.now() - killedAt) / 1000);
    await sleep(3_000);
    const [job] = await cluster.database.query<{ retry_count: number }>(
      'select retry_count from pgboss.job where id = $1',
      [jobId],
    );
    const finisher = relay.connections.find((connection) => !connection.held && connection.owner !== null);
    console.log(
      `mail job held on ${killed}, SIGKILLed: finished by another process ${finishedInS} s later (retry ${job?.retry_count})`,
    );
    expect((await maildev.messages()).filter((message) => message.subject === subject)).toHaveLength(1);
    expect(job?.retry_count).toBeGreaterThanOrEqual(1);
    expect(finisher?.owner).not.toBe(held.owner);
  });
});
