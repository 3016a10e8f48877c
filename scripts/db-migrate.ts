// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { ConfigError, env } from '@/lib/env';

try {
  const config = env();
  await runMigrations();
  console.log(`Migrations applied (${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}).`);
  await closeDb();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
