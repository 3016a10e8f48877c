// `npm run worker`: the job workers alone, without the web server, for scale-out (ADR 0011). Start web
// instances with JOBS_IN_PROCESS=false and as many of these as the jobs need, on the same DATABASE_URL.
// SIGTERM/SIGINT: stop taking jobs, give running ones a few seconds, put the rest back, exit.
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { startWorkers, stopWorkers } from '@/jobs/workers';
import { envOrExit } from '@/lib/env';
import { logger } from '@/lib/logger';
import { requireNodeLine } from './runtime';

requireNodeLine();
envOrExit();
const log = logger();
await runMigrations();
await startWorkers();
log.info({ node: process.version }, `worker started (Node ${process.version})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker shutting down: finishing jobs in flight');
  setTimeout(() => process.exit(1), 15_000).unref();
  await stopWorkers(8_000);
  await closeDb();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
