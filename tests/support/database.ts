// Throwaway PostgreSQL databases for the suites that need a real server (integration on
// PostgreSQL, security, faults, load, bench): each gets a fresh, uniquely named database and
// drops it afterwards, so no run sees another's leftovers. They are created through one admin
// connection that may create and drop databases: DATABASE_URL — what CI and `npm test` set — or,
// when it is unset, the local server as postgres (DEFAULT_ADMIN_DATABASE_URL).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The admin connection the test databases are created and dropped through. */
export function adminDatabaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_ADMIN_DATABASE_URL;
}

export type TestDatabase = {
  name: string;
  url: string;
  /** One statement in this database as the admin role (a superuser: row-level security does not apply). */
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>;
  /** Drops the database, closing whatever connections are still open to it. */
  drop: () => Promise<void>;
};

async function run<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A new database named after `label` (letters, digits and _ are kept): empty, or a copy of
 * `template` (a database nobody is connected to, e.g. one migrated once for a whole run).
 */
export async function createTestDatabase(
  label: string,
  adminUrl = adminDatabaseUrl(),
  options: { template?: string } = {},
): Promise<TestDatabase> {
  const name = `pet_${label.replace(/\W/g, '_')}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await run(adminUrl, `create database ${name}${options.template ? ` template ${options.template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    query: (text, values) => run(url.toString(), text, values),
    drop: async () => {
      await run(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
