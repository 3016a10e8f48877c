// Queue latency: the time from enqueue() being called to the handler starting, with an idle worker
// (as a sent email or a scheduled job finds it), on a fresh PGlite data directory and on a fresh
// PostgreSQL database. Prints the enqueue call's own time too.
//   npx tsx --conditions=react-server bench/queue-latency.ts                      PGlite only
//   npx tsx --conditions=react-server bench/queue-latency.ts --postgres postgres://postgres@127.0.0.1:5432/postgres
//   --samples N (default 50)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const samples = Number(argument('--samples') ?? 50);
const adminUrl = argument('--postgres');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function measure(label: string): Promise<void> {
  const { resetEnvForTests } = await import('@/lib/env');
  resetEnvForTests();
  const { closeDb } = await import('@/db/client');
  const { handleJob } = await import('@/jobs/define');
  const { defineJob } = await import('@/queue/define');
  const { sendJob } = await import('@/queue/send');
  const { jobQueue, stopJobQueue } = await import('@/queue/client');
  const { startWorkers } = await import('@/jobs/workers');

  const started = new Map<number, number>();
  const probe = handleJob(
    defineJob({ name: 'latency-probe', scope: 'system', schema: z.object({ n: z.number() }) }),
    async ({ n }) => {
      started.set(n, performance.now());
    },
  );
  const boss = await jobQueue();
  await startWorkers({ queue: boss, jobs: [probe] });

  const latencies: number[] = [];
  const enqueueTimes: number[] = [];
  for (let n = 0; n < samples + 3; n++) {
    // Idle between sends, as a worker is between a user's actions.
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 150));
    const sent = performance.now();
    await sendJob(probe, { n });
    const returned = performance.now();
    while (!started.has(n)) await new Promise((resolve) => setTimeout(resolve, 1));
    // The first sends warm up the queue cache and the connections.
    if (n < 3) continue;
    enqueueTimes.push(returned - sent);
    latencies.push(started.get(n)! - sent);
  }
  await stopJobQueue(1_000);
  await closeDb();
  console.log(
    `${label.padEnd(10)} enqueue→start p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  ` +
      `max ${ms(Math.max(...latencies))}   enqueue() p50 ${ms(percentile(enqueueTimes, 50))}  (${samples} jobs)`,
  );
}

process.env.LOG_LEVEL = 'silent';
process.env.BETTER_AUTH_SECRET = 'queue-latency-bench-secret-0123456789abcdef';
process.env.APP_URL = 'http://localhost:3000';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pet-queue-latency-'));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
try {
  await measure('PGlite');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

if (adminUrl) {
  const name = `pet_queue_latency_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  try {
    await measure('PostgreSQL');
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
