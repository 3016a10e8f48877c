// Runs once when the Next server starts: gets storage ready (the S3 bucket and its CORS rules when
// missing), then begins the periodic sweep of unreferenced photo objects.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { prepareStorage } = await import('./data/storage-setup');
  await prepareStorage();
  const { startSweeping } = await import('./data/sweep');
  startSweeping();
}
