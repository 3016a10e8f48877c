// `npm run db:backup` / `npm run db:restore` on the embedded default, run as a user runs them.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { lockEmbeddedDatabase, unlockEmbeddedDatabase } from '@/db/embedded-lock';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-backup-test-'));
const scriptEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

async function script(name: string, ...args: string[]) {
  // As `npm run db:*` runs them: with the react-server condition, under which 'server-only' loads.
  return run(tsx, ['--conditions=react-server', `scripts/${name}.ts`, ...args], { env: scriptEnv, cwd: process.cwd() });
}

async function petNames(): Promise<string[]> {
  const database = new PGlite(path.join(dataDir, 'pglite'));
  try {
    const result = await database.query<{ name: string }>('select name from pets order by name');
    return result.rows.map((row) => row.name);
  } finally {
    await database.close();
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('backup and restore of the embedded default', () => {
  const photo = path.join(dataDir, 'storage', 'pet-images', 'someone', 'pets', 'photo.webp');
  const backupFile = path.join(dataDir, 'backups', 'test.tar.gz');

  it('round-trips the database and the photos', async () => {
    await script('db-seed');
    mkdirSync(path.dirname(photo), { recursive: true });
    writeFileSync(photo, 'photo bytes');
    const seeded = await petNames();
    expect(seeded).toHaveLength(12);

    const backup = await script('db-backup', backupFile);
    expect(backup.stdout).toContain('Backup written');

    // Lose everything that was backed up.
    const database = new PGlite(path.join(dataDir, 'pglite'));
    await database.query('delete from pets');
    await database.close();
    rmSync(photo);
    expect(await petNames()).toEqual([]);

    const restore = await script('db-restore', backupFile);
    expect(restore.stdout).toContain('previous data is kept');
    expect(await petNames()).toEqual(seeded);
    expect(existsSync(photo)).toBe(true);
    // The state before the restore is kept aside, not destroyed.
    expect(readdirSync(dataDir).some((entry) => entry.startsWith('before-restore-'))).toBe(true);
  }, 120_000);

  it('refuses to run while the app holds the database', async () => {
    const pglite = path.join(dataDir, 'pglite');
    lockEmbeddedDatabase(pglite);
    try {
      await expect(script('db-backup', backupFile)).rejects.toMatchObject({
        stderr: expect.stringContaining(`in use by process ${process.pid}`),
      });
    } finally {
      unlockEmbeddedDatabase(pglite);
    }
  });
});
