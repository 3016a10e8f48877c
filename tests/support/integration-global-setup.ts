// Once per integration run on PostgreSQL: creates a database of its own (database.ts: never a
// leftover) and migrates it once; each test file then works on its own copy of it
// (integration-setup.ts), so files running side by side share no rows and no job queue: one
// file's workers never take another's jobs. Dropped afterwards. On PGlite each file opens its own
// data directory instead.
import type { TestProject } from 'vitest/node';
import { adminDatabaseUrl, createTestDatabase } from './database';

export type DatabaseTemplate = { adminUrl: string; name: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE !== 'postgres') {
    project.provide('databaseTemplate', null);
    return;
  }
  const adminUrl = adminDatabaseUrl();
  const template = await createTestDatabase('test', adminUrl);

  // Migrated once here, then copied per file: a copy needs no connection left open to it.
  const previous = { url: process.env.DATABASE_URL };
  process.env.DATABASE_URL = template.url;
  process.env.BETTER_AUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
  process.env.APP_URL ??= 'http://localhost:3000';
  const { runMigrations } = await import('../../src/db/migrate');
  const { closeDb } = await import('../../src/db/client');
  await runMigrations();
  await closeDb();
  // The test files' processes start after this: they get the admin URL, as this process did.
  if (previous.url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previous.url;

  project.provide('databaseTemplate', { adminUrl, name: template.name });
  return () => template.drop();
}
