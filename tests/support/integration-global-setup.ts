// Once per integration run on PostgreSQL: creates a database of its own (never a leftover),
// hands its URL to the test files, and drops it afterwards. On PGlite each file opens its own
// data directory instead (see integration-setup.ts).
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import pg from 'pg';

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
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE=postgres needs DATABASE_URL (a server to create test databases on)');
  const name = `pet_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());

  // Migrate once, before any file runs, so files can share the database in parallel.
  process.env.DATABASE_URL = url.toString();
  process.env.BETTER_AUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
  process.env.APP_URL ??= 'http://localhost:3000';
  const { runMigrations } = await import('../../src/db/migrate');
  const { closeDb } = await import('../../src/db/client');
  await runMigrations();
  await closeDb();

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}
