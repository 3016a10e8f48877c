// Data export time (ADR 0015): the export-user-data job's work — read the pets, HEAD each photo, stream
// pets.json and every display image into one ZIP in storage (local disk), mark it ready — for an account
// of 100 pets with photos, on a fresh PGlite data directory and on a fresh PostgreSQL database.
// The photos are 1600×1200 WebP display images of noise (about the size a real photo's display image
// has after the pipeline). Prints each run and the median.
//   npx tsx --conditions=react-server bench/export-time.ts                      PGlite only
//   npx tsx --conditions=react-server bench/export-time.ts --postgres postgres://postgres@127.0.0.1:5432/postgres
//   --pets N (default 100)  --runs N (default 3)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const petCount = Number(argument('--pets') ?? 100);
const runs = Number(argument('--runs') ?? 3);
const adminUrl = argument('--postgres');

const photo = await sharp({
  create: {
    width: 1600,
    height: 1200,
    channels: 3,
    background: '#000',
    noise: { type: 'gaussian', mean: 128, sigma: 40 },
  },
})
  .webp({ quality: 82 })
  .toBuffer();

async function measure(label: string): Promise<void> {
  const { resetEnvForTests } = await import('@/lib/env');
  resetEnvForTests();
  const { resetStorageForTests, storage } = await import('@/storage');
  resetStorageForTests();
  const { closeDb, db } = await import('@/db/client');
  const { runMigrations } = await import('@/db/migrate');
  const { withUser } = await import('@/db/with-user');
  const { users, pets, dataExports } = await import('@/db/schema');
  const { buildDataExport, exportKey } = await import('@/data/exports');
  await runMigrations();
  await storage().ensureReady();

  const [user] = await db()
    .insert(users)
    .values({ email: `bench-${randomBytes(4).toString('hex')}@example.com` })
    .returning({ id: users.id });
  const userId = user!.id;
  for (let n = 0; n < petCount; n++) {
    const imagePath = `${userId}/pets/${randomUUID()}-pet-${n}.webp`;
    await storage().put(imagePath, photo, { contentType: 'image/webp' });
    await withUser(db(), userId, (tx) =>
      tx.insert(pets).values({
        userId,
        name: `Pet ${n}`,
        category: 'Dog',
        birthday: '2020-01-01',
        gender: 'other',
        imagePath,
        photoBytes: photo.length,
      }),
    );
  }
  const scope = { userId, asUser: <T>(work: Parameters<typeof withUser<T>>[2]) => withUser(db(), userId, work) };

  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < runs; run++) {
    const id = randomUUID();
    await withUser(db(), userId, (tx) =>
      tx
        .insert(dataExports)
        .values({ id, userId, storageKey: exportKey(userId, id), expiresAt: new Date(Date.now() + 1e9) }),
    );
    const started = performance.now();
    const result = await buildDataExport(scope, id);
    times.push(performance.now() - started);
    if (result.outcome === 'ready') size = result.byteSize;
  }
  await closeDb();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(10)} ${petCount} pets with photos (${(size / 1024 / 1024).toFixed(1)} MB ZIP): ` +
      `median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)} s  runs ${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s`,
  );
}

process.env.LOG_LEVEL = 'silent';
process.env.BETTER_AUTH_SECRET = 'export-time-bench-secret-0123456789abcdef';
process.env.APP_URL = 'http://localhost:3000';
delete process.env.STORAGE_DRIVER;

const dataDir = mkdtempSync(path.join(tmpdir(), 'pet-export-time-'));
process.env.DATA_DIR = dataDir;
try {
  delete process.env.DATABASE_URL;
  await measure('PGlite');

  if (adminUrl) {
    const name = `pet_export_time_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    try {
      await measure('PostgreSQL');
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
