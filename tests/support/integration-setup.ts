// Before each integration test file: point the app at a real database of its own — a fresh
// PGlite data directory, or a copy of the run's migrated PostgreSQL database — with migrations applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject, vi } from 'vitest';
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { stopJobQueue } from '@/queue/client';
import { resetEnvForTests } from '@/lib/env';
import { createTestDatabase } from './database';

// Server Actions read the request through next/headers: give them the test browser's request.
vi.mock('next/headers', async () => (await import('./next-request')).nextHeaders);
vi.mock('next/headers.js', async () => (await import('./next-request')).nextHeaders);
vi.mock('next/cache', async () => (await import('./next-request')).nextCache);

const template = inject('databaseTemplate');
// On PostgreSQL, this file's own copy of the run's migrated database (integration-global-setup.ts).
const database = template ? await createTestDatabase('test', template.adminUrl, { template: template.name }) : null;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pet-app-test-'));

process.env.DATA_DIR = dataDir;
process.env.BETTER_AUTH_SECRET = 'integration-tests-secret-0123456789abcdef';
process.env.APP_URL = 'http://localhost:3000';
process.env.LOG_LEVEL = 'silent';
if (database) process.env.DATABASE_URL = database.url;
else delete process.env.DATABASE_URL;
resetEnvForTests();

beforeAll(async () => {
  if (!database) await runMigrations();
});

afterAll(async () => {
  // Registering enqueues a verification message on this process's queue: stop it before its database goes.
  await stopJobQueue(0);
  await closeDb();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});
