// Runs once when the Next server starts: begins the hourly sweep of unreferenced photo objects.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startSweeping } = await import('./data/sweep');
  startSweeping();
}
