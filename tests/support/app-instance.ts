// The production build on a database of its own, for suites that drive the app over HTTP from
// outside (load, bench): a fresh PostgreSQL database (created as the admin, dropped at the end) or a
// fresh PGlite data directory, local-disk storage in a temporary DATA_DIR, rate limits out of the
// way. Built first when the build is missing or stale (scripts/start.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startServer, type RunningServer } from '../security/support/server';

export type Backend = 'postgres' | 'pglite';

export type AppInstance = {
  backend: Backend;
  server: RunningServer;
  port: number;
  /** The app's own database (PostgreSQL), null on PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  logFile: string;
  /** Stops the server (SIGTERM to its process group, graceful), then drops what it made. */
  dispose: () => Promise<void>;
};

export function adminDatabaseUrl(): string {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function startAppInstance(options: {
  backend: Backend;
  label: string;
  env?: Record<string, string>;
  /** The checkout whose build is served (default: this one). */
  buildDir?: string;
  /** A superuser connection that may create and drop databases (default: adminDatabaseUrl()). */
  adminUrl?: string;
}): Promise<AppInstance> {
  const adminUrl = options.adminUrl ?? adminDatabaseUrl();
  const workDir = mkdtempSync(path.join(tmpdir(), `pawprint-${options.label}-`));
  const dataDir = path.join(workDir, 'data');
  const logFile = path.join(workDir, 'server.log');
  let databaseName: string | null = null;
  let databaseUrl: string | null = null;
  if (options.backend === 'postgres') {
    databaseName = `pet_${options.label.replace(/\W/g, '_')}_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${databaseName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const dropEverything = async () => {
    if (databaseName)
      await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`).catch(() => {});
    rmSync(workDir, { recursive: true, force: true });
  };

  const port = await freePort();
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      cwd: options.buildDir ?? process.cwd(),
      port,
      logFile,
      env: {
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
        APP_URL: `http://localhost:${port}`,
        DATA_DIR: dataDir,
        // info: one line per request with the server's own duration (what the bench calls server time).
        LOG_LEVEL: 'info',
        STORAGE_DRIVER: 'local',
        RATE_LIMIT_LOGIN_PER_EMAIL: '1000000',
        RATE_LIMIT_LOGIN_PER_ADDRESS: '1000000',
        RATE_LIMIT_REGISTER_PER_ADDRESS: '1000000',
        // Load and bench runs measure throughput: the per-account fair-use limits stay out of it.
        RATE_LIMIT_LOGIN_PER_EMAIL_TOTAL: '1000000',
        RATE_LIMIT_UPLOAD_URLS_PER_MINUTE: '1000000',
        RATE_LIMIT_PHOTO_SAVES_PER_MINUTE: '1000000',
        RATE_LIMIT_PETS_PER_HOUR: '1000000',
        MAX_PETS_PER_ACCOUNT: '1000000',
        ...options.env,
      },
    });
    await expectDatabaseKind(logFile, options.backend);
  } catch (error) {
    await server?.stop();
    await dropEverything();
    throw error;
  }
  return {
    backend: options.backend,
    server: server!,
    port,
    databaseUrl,
    dataDir,
    logFile,
    dispose: async () => {
      await server!.stop();
      await dropEverything();
    },
  };
}

/** The server says at start-up which database it runs on: it must be the one asked for. */
async function expectDatabaseKind(logFile: string, backend: Backend): Promise<void> {
  const wanted = backend === 'postgres' ? 'postgresql' : 'pglite';
  let seen: string | undefined;
  // stdout reaches the file asynchronously: give the start-up line a moment.
  for (let attempt = 0; attempt < 40 && !seen; attempt++) {
    seen = /"database":"(\w+)"/.exec(readFileSync(logFile, 'utf8'))?.[1];
    if (!seen) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (seen !== wanted) throw new Error(`the server runs on ${seen ?? 'an unknown database'}, not ${wanted}`);
}

/** Server Action ids from the build's server reference manifest: `name` → id (src/actions only). */
export function actionIdsOf<Name extends string>(
  names: readonly Name[],
  buildDir = process.cwd(),
): Record<Name, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(buildDir, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const ids: Partial<Record<Name, string>> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename?.startsWith('src/actions/') && (names as readonly string[]).includes(entry.exportedName ?? ''))
      ids[entry.exportedName as Name] = id;
  }
  for (const name of names) if (!ids[name]) throw new Error(`action ${name} is not in the build's manifest`);
  return ids as Record<Name, string>;
}

/** Log lines the server wrote at level error or fatal (pino: 50, 60). */
export function serverErrorLines(logFile: string): string[] {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => /"level":(50|60)\b/.test(line));
}
