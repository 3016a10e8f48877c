// Applies the versioned migrations in src/db/migrations (at start-up and by `npm run db:migrate`).
// On PostgreSQL an advisory lock keeps instances that start together from racing.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { driver } from './client';

const MIGRATION_LOCK_ID = 727_113_001;

export function migrationsFolder(): string {
  return path.join(process.cwd(), 'src', 'db', 'migrations');
}

export async function runMigrations(): Promise<void> {
  const handle = driver();
  const migrationsConfig = { migrationsFolder: migrationsFolder() };
  if (handle.kind === 'pglite') {
    await migratePglite(drizzlePglite(handle.client), migrationsConfig);
    return;
  }
  const connection = await handle.client.connect();
  try {
    const database = drizzlePg(connection);
    await database.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      await migratePg(database, migrationsConfig);
    } finally {
      await database.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
    }
  } finally {
    connection.release();
  }
}
