// Once per faults run: makes sure the production build exists and is current (scripts/start.ts
// builds when it is missing or older than the sources), by starting it once on a throw-away
// PostgreSQL database and stopping it, so no test pays for, or races, a build.
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { freePort, startServer } from '../support/server';
import {} from './support/harness';
import { createTestDatabase } from '../support/database';

export default async function setup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-faults-build-'));
  const database = await createTestDatabase('faults');
  try {
    const port = await freePort();
    console.log('faults: building the production app if needed…');
    const server = await startServer({
      cwd: process.cwd(),
      port,
      env: {
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: 'faults-build-check-'.padEnd(48, 'x'),
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
