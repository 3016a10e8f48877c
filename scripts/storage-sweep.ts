// `npm run storage:sweep`: removes stored objects that no pet points at and that are older than
// the grace period (1 h; `--grace-minutes N` to change it). Stop the app first on PGlite.
import { closeDb } from '@/db/client';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { runMigrations } from '@/db/migrate';

const graceArgument = process.argv.indexOf('--grace-minutes');
const graceMs = graceArgument > 0 ? Number(process.argv[graceArgument + 1]) * 60_000 : undefined;
if (graceMs !== undefined && !(graceMs >= 0)) {
  console.error('--grace-minutes takes a number of minutes');
  process.exit(1);
}
await runMigrations();
const report = await sweepUnreferencedObjects({ graceMs });
await closeDb();
console.log(`Examined ${report.examined} objects, removed ${report.deleted.length}.`);
