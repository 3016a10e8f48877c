// The production build on a database of its own, for suites that drive the app over HTTP from
// outside (load, bench): a fresh PostgreSQL database (database.ts: created through the admin
// connection, dropped at the end) or a fresh PGlite data directory, local-disk storage in a temporary DATA_DIR, rate limits out of the
// way. Built first when the build is missing or stale (scripts/start.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './database';
import { freePort, startServer, type RunningServer } from './server';

export type Backend = 'postgres' | 'pglite';

export type AppInstance = {
  backend: Backend;
  server: RunningServer;
  port: number;
  /** The app's own database (PostgreSQL), null on PGlite. */
  databaseUrl: string | null;
  dataDir: string;
  /** BETTER_AUTH_SECRET of this instance (the bench's same-duties anchor checks its cookies with it). */
  authSecret: string;
  logFile: string;
  /** Stops the server (SIGTERM to its process group, graceful), then drops what it made. */
  dispose: () => Promise<void>;
};

export async function startAppInstance(options: {
  backend: Backend;
  label: string;
  env?: Record<string, string>;
  /** The checkout whose build is served (default: this one). */
  buildDir?: string;
}): Promise<AppInstance> {
  const workDir = mkdtempSync(path.join(tmpdir(), `pawprint-${options.label}-`));
  const dataDir = path.join(workDir, 'data');
  const logFile = path.join(workDir, 'server.log');
  const database: TestDatabase | null = options.backend === 'postgres' ? await createTestDatabase(options.label) : null;
  const databaseUrl = database?.url ?? null;
  const dropEverything = async () => {
    await database?.drop().catch(() => {});
    rmSync(workDir, { recursive: true, force: true });
  };

  const port = await freePort();
  const authSecret = randomBytes(32).toString('base64url');
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      cwd: options.buildDir ?? process.cwd(),
      port,
      logFile,
      env: {
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        BETTER_AUTH_SECRET: authSecret,
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
    authSecret,
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
