// Runs once when the Next server starts: gets storage ready (the S3 bucket and its CORS rules when
// missing), then starts the job workers in this process unless JOBS_IN_PROCESS=false (ADR 0011).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { prepareStorage } = await import('./data/storage-setup');
  await prepareStorage();
  const { env } = await import('./lib/env');
  if (!env().JOBS_IN_PROCESS) return;
  const { startWorkers } = await import('./jobs/workers');
  await startWorkers();
}
