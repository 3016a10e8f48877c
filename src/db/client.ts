// The one database handle of the process: PGlite in DATA_DIR by default, PostgreSQL through `pg`
// when DATABASE_URL is set (ADR 0001). Both are typed alike so one code path serves both.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { env, isBuildPhase } from '@/lib/env';
import { lockEmbeddedDatabase, unlockEmbeddedDatabase } from './embedded-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The raw driver client: exactly one per process, kept on globalThis because the custom server
 * and Next's bundle each load this module, and two PGlite openers corrupt a data dir silently. */
type DriverClient = { kind: 'pglite'; client: PGlite } | { kind: 'pg'; client: Pool };

const globalForDb = globalThis as unknown as { __pawprintDriver?: DriverClient };

export function pgliteDataDir(): string {
  return path.join(env().dataDir, 'pglite');
}

function openDriver(): DriverClient {
  const config = env();
  if (config.DATABASE_URL) {
    const pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // Nor may a checked-out one: pg emits 'error' on a client whose connection dies between its
    // queries (or during one), and without a listener that is an uncaughtException in the server:
    // that would take the whole server down. The query in flight still fails, and the pool
    // discards the broken client when it is released.
    pool.on('connect', (client) => client.on('error', () => {}));
    return { kind: 'pg', client: pool };
  }
  // `next build` collects page data in workers: never let them open the real data directory.
  if (isBuildPhase()) return { kind: 'pglite', client: new PGlite('memory://') };
  const dataDir = pgliteDataDir();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  lockEmbeddedDatabase(dataDir);
  return { kind: 'pglite', client: new PGlite(dataDir) };
}

export function driver(): DriverClient {
  globalForDb.__pawprintDriver ??= openDriver();
  return globalForDb.__pawprintDriver;
}

function wrap(handle: DriverClient): Database {
  return handle.kind === 'pg'
    ? (drizzlePg(handle.client, { schema }) as unknown as Database)
    : (drizzlePglite(handle.client, { schema }) as unknown as Database);
}

let wrapped: { handle: DriverClient; db: Database } | undefined;

/** The Drizzle database of this process (opened on first use). */
export function db(): Database {
  const handle = driver();
  if (wrapped?.handle !== handle) wrapped = { handle, db: wrap(handle) };
  return wrapped.db;
}

/** Closes the database (PGlite flushes to disk); the next db() call opens it again. */
export async function closeDb(): Promise<void> {
  const handle = globalForDb.__pawprintDriver;
  if (!handle) return;
  delete globalForDb.__pawprintDriver;
  wrapped = undefined;
  if (handle.kind === 'pg') await handle.client.end();
  else {
    await handle.client.close();
    if (handle.client.dataDir && !handle.client.dataDir.startsWith('memory://'))
      unlockEmbeddedDatabase(pgliteDataDir());
  }
}
