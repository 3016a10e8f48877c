// Once per integration run on PostgreSQL: creates a database of its own (database.ts: never a
// leftover), hands its URL to the test files, and drops it afterwards. On PGlite each file opens
// its own data directory instead (see integration-setup.ts).
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE !== 'postgres') {
    project.provide('databaseUrl', null);
    return;
  }
  const database = await createTestDatabase('test');
  project.provide('databaseUrl', database.url);

  // Migrate once, before any file runs, so files can share the database in parallel.
  process.env.DATABASE_URL = database.url;
  process.env.BETTER_AUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
  process.env.APP_URL ??= 'http://localhost:3000';
  const { runMigrations } = await import('../../src/db/migrate');
  const { closeDb } = await import('../../src/db/client');
  await runMigrations();
  await closeDb();

  return () => database.drop();
}
