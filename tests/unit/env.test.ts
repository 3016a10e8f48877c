import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pet-env-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('configuration', () => {
  it('needs nothing for the embedded default and keeps a generated secret in the data directory', () => {
    const dir = dataDir();
    const first = parseEnv({ DATA_DIR: dir });
    expect(first.DATABASE_URL).toBeUndefined();
    expect(first.appUrl).toBe('http://localhost:3000');
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8').trim()).toBe(first.authSecret);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o077).toBe(0);
    // The same secret on the next start: sessions survive a restart.
    expect(parseEnv({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
  });

  it('requires a secret and the public URL with DATABASE_URL, naming each variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/pets' })).toThrow(ConfigError);
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/pets' })).toThrow(/BETTER_AUTH_SECRET[\s\S]*APP_URL/);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: 'short' })).toThrow(
      /BETTER_AUTH_SECRET: must be at least 32 characters/,
    );
    expect(() => parseEnv({ APP_URL: 'ftp://x' })).toThrow(/APP_URL/);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('marks HTTPS deployments (Secure cookies, HSTS)', () => {
    const config = parseEnv({
      DATABASE_URL: 'postgres://db/pets',
      BETTER_AUTH_SECRET: 'x'.repeat(40),
      APP_URL: 'https://pets.example.com/',
    });
    expect(config).toMatchObject({ isHttps: true, appUrl: 'https://pets.example.com' });
  });

  it('refuses mail to the outbox in production with DATABASE_URL unless MAIL_TRANSPORT=outbox chooses it', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/pets',
      BETTER_AUTH_SECRET: 'x'.repeat(40),
      APP_URL: 'https://pets.example.com',
    };
    expect(() => parseEnv(production)).toThrow(ConfigError);
    expect(() => parseEnv(production)).toThrow(/SMTP_URL: required in production[\s\S]*MAIL_TRANSPORT=outbox/);
    expect(parseEnv({ ...production, MAIL_TRANSPORT: 'outbox' }).mailTransport).toBe('outbox');
    expect(parseEnv({ ...production, SMTP_URL: 'smtp://mail:25' }).mailTransport).toBe('smtp');
    expect(() => parseEnv({ ...production, MAIL_TRANSPORT: 'smtp' })).toThrow(
      /SMTP_URL: required when MAIL_TRANSPORT=smtp/,
    );
    expect(() => parseEnv({ ...production, MAIL_TRANSPORT: 'pigeon' })).toThrow(
      /MAIL_TRANSPORT: must be smtp or outbox/,
    );
    // Running alone (no DATABASE_URL), or in development, the outbox stays the default.
    expect(parseEnv({ NODE_ENV: 'production', DATA_DIR: dataDir() }).mailTransport).toBe('outbox');
    expect(parseEnv({ ...production, NODE_ENV: 'development' }).mailTransport).toBe('outbox');
  });

  it('validates mail and job settings, naming the variable', () => {
    const dir = dataDir();
    const defaults = parseEnv({ DATA_DIR: dir });
    expect(defaults).toMatchObject({
      JOBS_IN_PROCESS: true,
      JOBS_CONCURRENCY: 2,
      JOBS_HEARTBEAT_SECONDS: 30,
      SWEEP_SCHEDULE: '*/15 * * * *',
    });
    expect(parseEnv({ DATA_DIR: dir, SWEEP_SCHEDULE: '* * * * *' }).SWEEP_SCHEDULE).toBe('* * * * *');
    expect(() => parseEnv({ DATA_DIR: dir, SWEEP_SCHEDULE: 'every minute' })).toThrow(
      /SWEEP_SCHEDULE: must be a cron expression of 5 fields/,
    );
    expect(() => parseEnv({ DATA_DIR: dir, SWEEP_SCHEDULE: '*/15 * * *' })).toThrow(/SWEEP_SCHEDULE/);
    expect(defaults.SMTP_URL).toBeUndefined();
    expect(defaults.mailFrom).toBe('Pawprint <no-reply@localhost>');
    const smtp = parseEnv({ DATA_DIR: dir, SMTP_URL: 'smtp://127.0.0.1:1025', MAIL_FROM: 'Pets <pets@example.com>' });
    expect(smtp).toMatchObject({ SMTP_URL: 'smtp://127.0.0.1:1025', mailFrom: 'Pets <pets@example.com>' });
    expect(() => parseEnv({ DATA_DIR: dir, SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => parseEnv({ DATA_DIR: dir, MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: must be an address/);
    expect(() => parseEnv({ DATA_DIR: dir, JOBS_CONCURRENCY: '0' })).toThrow(/JOBS_CONCURRENCY/);
    expect(() => parseEnv({ DATA_DIR: dir, JOBS_IN_PROCESS: 'maybe' })).toThrow(
      /JOBS_IN_PROCESS: must be true or false/,
    );
    expect(parseEnv({ DATA_DIR: dir, JOBS_HEARTBEAT_SECONDS: '10' }).JOBS_HEARTBEAT_SECONDS).toBe(10);
    expect(() => parseEnv({ DATA_DIR: dir, JOBS_HEARTBEAT_SECONDS: '5' })).toThrow(
      /JOBS_HEARTBEAT_SECONDS: must be at least 10/,
    );
    expect(() => parseEnv({ DATA_DIR: dir, JOBS_HEARTBEAT_SECONDS: 'soon' })).toThrow(
      /JOBS_HEARTBEAT_SECONDS: must be a whole number of seconds/,
    );
    expect(defaults.SHUTDOWN_DRAIN_SECONDS).toBe(0);
    expect(parseEnv({ DATA_DIR: dir, SHUTDOWN_DRAIN_SECONDS: '3' }).SHUTDOWN_DRAIN_SECONDS).toBe(3);
    expect(() => parseEnv({ DATA_DIR: dir, SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(
      /SHUTDOWN_DRAIN_SECONDS: must be 0 or more/,
    );
    expect(() => parseEnv({ DATA_DIR: dir, SHUTDOWN_DRAIN_SECONDS: '2.5' })).toThrow(
      /SHUTDOWN_DRAIN_SECONDS: must be a whole number of seconds/,
    );
    // Workers elsewhere need a database they can reach: not the embedded one.
    expect(() => parseEnv({ DATA_DIR: dir, JOBS_IN_PROCESS: 'false' })).toThrow(
      /JOBS_IN_PROCESS: false needs DATABASE_URL/,
    );
  });
});
