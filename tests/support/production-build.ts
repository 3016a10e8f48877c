// Once per suite that runs the production build (faults, cluster): makes sure the build exists and
// is current — scripts/start.ts builds when it is missing or older than the sources — by starting
// it once on a throw-away PostgreSQL database and stopping it, so no test pays for, or races, a build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './database';
import { startServer } from './server';

export async function ensureProductionBuild(suite: string, port: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `pawprint-${suite}-build-`));
  const database = await createTestDatabase(`${suite}_build`);
  try {
    console.log(`${suite}: building the production app if needed…`);
    const server = await startServer({
      cwd: process.cwd(),
      port,
      env: {
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: `${suite}-build-check-`.padEnd(48, 'x'),
        APP_URL: `http://localhost:${port}`,
      },
      logFile: path.join(dataDir, 'build.log'),
      readyTimeoutMs: 900_000,
    });
    await server.stop();
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
