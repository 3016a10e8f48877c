// A second production server for an attack that needs a configuration of its own (real SMTP, info
// logs, a trusted proxy, small mail budgets): its own database and data directory, so its mail,
// jobs and counters are only its own. The build is the suite's (same action ids).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { HttpClient } from '../../support/http';
import { freePort as freeSmtpPort, startMailDev, type SmtpServer } from '../../support/maildev';
import { freePort, serverEnv, startServer, type RunningServer } from '../../support/server';
import { context } from './harness';

export type OwnServer = {
  port: number;
  dataDir: string;
  logFile: string;
  database: TestDatabase;
  /** A superuser pool on its database (row-level security does not apply). */
  db: pg.Pool;
  client: (address?: string) => HttpClient;
  /** Everything the server logged so far. */
  log: () => string;
  stop: () => Promise<void>;
};

export async function startOwnServer(label: string, env: Record<string, string>): Promise<OwnServer> {
  const { cwd, resultsDir } = context();
  const database = await createTestDatabase(label);
  const dataDir = mkdtempSync(path.join(tmpdir(), `pawprint-sec-${label}-`));
  const port = await freePort();
  const logFile = path.join(resultsDir, `server-${label}.log`);
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      cwd,
      port,
      logFile,
      readyTimeoutMs: 120_000,
      env: {
        ...serverEnv({ databaseUrl: database.url, port, dataDir }),
        RATE_LIMIT_REGISTER_PER_ADDRESS: '100',
        ...env,
      },
    });
  } catch (error) {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const running = server;
  return {
    port,
    dataDir,
    logFile,
    database,
    db: pool,
    client: (address = '127.0.0.1') => new HttpClient(port, address),
    log: () => readFileSync(logFile, 'utf8'),
    stop: async () => {
      await running.stop();
      await pool.end();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type OwnServerWithMail = OwnServer & { smtp: SmtpServer };

/** An own server whose mail goes over real SMTP to a MailDev of its own; stop() stops both. */
export async function startOwnServerWithMail(label: string, env: Record<string, string>): Promise<OwnServerWithMail> {
  const smtp = await startMailDev(await freeSmtpPort());
  let server: OwnServer;
  try {
    server = await startOwnServer(label, { SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`, ...env });
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  return {
    ...server,
    smtp,
    stop: async () => {
      await server.stop();
      await smtp.stop();
    },
  };
}

/** Waits until no job of `names` is waiting, running or due for a retry: the queue has settled. */
export async function queueSettled(pool: pg.Pool, names: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ waiting: number }>(
      `select count(*)::int as waiting from pgboss.job where name = any($1) and state in ('created', 'retry', 'active')`,
      [names],
    );
    if (rows[0]?.waiting === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs ${names.join(', ')} still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
