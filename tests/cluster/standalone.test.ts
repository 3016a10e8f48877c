// The container's steps without Docker: the standalone output made ready by deploy/bundle-server.ts
// (the Dockerfile's RUN after `next build`, which the global setup ran) and started by
// deploy/standalone-start.sh (the container's CMD) on PostgreSQL — it migrates an empty database,
// answers /api/health (the HEALTHCHECK) and signs a user in.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rangePort } from './support/rig';
import {
  actionIdsOf,
  createTestDatabase,
  HttpClient,
  register,
  sleep,
  type TestDatabase,
  APP_ACTIONS,
} from './support/shared';

const ROOT = process.cwd();
let stopServer: () => Promise<void> = async () => {};
let database: TestDatabase | undefined;
let workDir: string | undefined;

afterAll(async () => {
  await stopServer();
  await database?.drop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the standalone server of deploy/Dockerfile', () => {
  it('bundled and started as the container does: health check 200, a user registers and signs in', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'deploy/bundle-server.ts'], { cwd: ROOT, stdio: 'pipe' });
    workDir = mkdtempSync(path.join(tmpdir(), 'pawprint-standalone-'));
    database = await createTestDatabase('standalone');
    const port = await rangePort();
    const logFile = path.join(workDir, 'server.log');
    const log = createWriteStream(logFile);
    const child = spawn(path.join(ROOT, 'deploy', 'standalone-start.sh'), [path.join(ROOT, '.next', 'standalone')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        DATA_DIR: path.join(workDir, 'data'),
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
        APP_URL: `http://localhost:${port}`,
        LOG_LEVEL: 'info',
        MAIL_TRANSPORT: 'outbox',
      },
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    stopServer = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    };

    let health: Response | undefined;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && child.exitCode === null) {
      health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (health?.status === 200) break;
      await sleep(500);
    }
    expect(health?.status, readFileSync(logFile, 'utf8').slice(-2000)).toBe(200);
    expect(await health!.json()).toMatchObject({ status: 'ok' });

    const ids = actionIdsOf(APP_ACTIONS);
    const account = await register(new HttpClient(port), ids, 'standalone');
    const user = new HttpClient(port);
    const login = await user.form(ids.login, { email: account.email, password: account.password }, { path: '/login' });
    expect(login.outcome.kind).toBe('redirected');
    const page = await user.request('/pets', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(account.email);
    // The request log of server.ts, not Next's bare server: the custom server is what runs.
    expect(readFileSync(logFile, 'utf8')).toMatch(/"msg":"migrations applied"/);
  });
});
