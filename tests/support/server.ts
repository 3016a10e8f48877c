// Starts the production build (scripts/start.ts: builds first when the build is missing or stale)
// as its own process group, so the whole tree can be stopped at once, and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { SERVER_MEMORY_ENV } from '../../scripts/server-memory';

export type RunningServer = {
  port: number;
  origin: string;
  process: ChildProcess;
  logFile: string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function probe(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers: { host: `localhost:${port}` } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(5_000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

/** Environment of the child: the caller's, minus what vitest sets for its own workers. */
export function childEnv(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST_DATABASE' || name === 'TEST') continue;
    env[name] = value;
  }
  // The app's configuration comes from the caller only. DATABASE_URL above all: `npm test` runs
  // with the admin connection in DATABASE_URL, and a server meant for PGlite that inherited it
  // would run (and migrate) on that database instead.
  for (const name of [
    'DATABASE_URL',
    'BETTER_AUTH_SECRET',
    'APP_URL',
    'DATA_DIR',
    'STORAGE_DRIVER',
    'S3_ENDPOINT',
    'TRUSTED_PROXY_HOPS',
    'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
  ])
    delete env[name];
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** The configuration every production test server starts from: its database, a fresh secret, its origin and data. */
export function serverEnv(options: { databaseUrl: string; port: number; dataDir: string }): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    APP_URL: `http://localhost:${options.port}`,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    STORAGE_DRIVER: 'local',
  };
}

export async function startServer(options: {
  cwd: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs?: number;
  /** Node's arguments (default: the app, `scripts/start.ts`). */
  args?: string[];
  /** A page that answers 200 once the server is ready (default: /login). */
  readyPath?: string;
}): Promise<RunningServer> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, options.args ?? ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: options.cwd,
    // A process group of its own (setsid): the build's and the server's children die with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The memory settings scripts/start.ts would set, given up front as a deployment would (README),
    // so the process group is the server alone and not also start.ts's re-exec parent.
    env: childEnv({
      PORT: String(options.port),
      HOSTNAME: '127.0.0.1',
      ...SERVER_MEMORY_ENV,
      // Test servers without SMTP_URL write their mail to the outbox: chosen explicitly, as production
      // with DATABASE_URL requires (ADR 0023).
      ...(options.env.SMTP_URL ? {} : { MAIL_TRANSPORT: 'outbox' }),
      ...options.env,
    }) as NodeJS.ProcessEnv,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });

  const stop = async () => {
    if (exited !== null || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 15_000);
    await gone;
    clearTimeout(timer);
    log.end();
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 600_000);
  for (;;) {
    if (exited !== null)
      throw new Error(
        `the server exited (${exited}) before answering; log ${options.logFile}:\n${tail(options.logFile)}`,
      );
    if ((await probe(options.port, options.readyPath ?? '/login')) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the server did not answer within the time limit; log ${options.logFile}:\n${tail(options.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    port: options.port,
    origin: `http://localhost:${options.port}`,
    process: child,
    logFile: options.logFile,
    stop,
  };
}
