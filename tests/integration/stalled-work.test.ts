// Stalled work (ADR 0020), on the test's database (PGlite, or PostgreSQL with TEST_DATABASE=postgres):
// a save whose process died between its commit and the job's send leaves a photo "processing" or an
// export "queued" with no job. resume-stalled-work sends the job, once, and the user gets the photo
// or the export; an export unfinished long after any job of it could have ended is marked failed,
// and no longer holds back the next one. The rows are aged (as the database's owner) past the real
// thresholds, so the code runs with the thresholds it has in production.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportUserData } from '@/actions/export';
import { createPet } from '@/actions/pets';
import { listDataExports } from '@/data/exports';
import { requireUser } from '@/data/session';
import { resumeStalledWork } from '@/data/stalled-work';
import { db } from '@/db/client';
import { exportUserDataHandler } from '@/jobs/handlers/export-user-data';
import { processPhotoHandler } from '@/jobs/handlers/process-photo';
import { startWorkers, stopWorkers } from '@/jobs/workers';
import { queuedExportWithoutJob } from '../support/exports';
import { png } from '../support/images';
import { uploadLocally } from '../support/local-upload';
import { returned } from '../support/next-request';
import { readPet, settledPet } from '../support/photo-jobs';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const STARTED = 'Export started. You will receive an email when ready.';

async function createWithPhoto(user: SignedInBrowser): Promise<string> {
  const outcome = await user.submit(createPet, {
    name: 'Stalled',
    category: 'Cat',
    birthday: '2021-04-04',
    gender: 'female',
    timezone: 'UTC',
    storagePath: await uploadLocally(user, await png()),
  });
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

/** As if the process died right after the commit: the job the save sent is taken out of the queue. */
async function loseJobs(queue: string, field: string, value: string): Promise<void> {
  await db().execute(sql`delete from pgboss.job where name = ${queue} and data->>${field} = ${value}`);
}

async function jobCount(queue: string, field: string, value: string): Promise<number> {
  const result = (await db().execute(
    sql`select count(*)::int as n from pgboss.job where name = ${queue} and data->>${field} = ${value}`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

async function exportsOf(owner: SignedInBrowser) {
  return returned(await owner.call(async () => listDataExports(await requireUser())));
}

/** Ages a row past the thresholds as the database's owner (no user can move their own clock). */
async function age(table: 'pets' | 'data_exports', id: string, column: 'updated_at' | 'created_at', minutes: number) {
  await db().execute(
    sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = now() - make_interval(mins => ${minutes}) where id = ${id}`,
  );
}

let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;

afterEach(async () => {
  if (workers) for (const job of [processPhotoHandler, exportUserDataHandler]) await workers.offWork(job.name);
  workers = null;
});

afterAll(async () => {
  await stopWorkers();
});

describe('a photo whose job was never sent', () => {
  let owner: SignedInBrowser;
  beforeAll(async () => {
    owner = await signedIn('stalled-photo');
  });

  it('is sent again after two minutes, once, and the photo becomes ready', async () => {
    const id = await createWithPhoto(owner);
    await loseJobs(processPhotoHandler.name, 'petId', id);
    expect((await readPet(owner, id)).photoStatus).toBe('processing');

    // A minute on, the save may still be sending its job: left alone.
    await age('pets', id, 'updated_at', 1);
    await resumeStalledWork();
    expect(await jobCount(processPhotoHandler.name, 'petId', id)).toBe(0);

    await age('pets', id, 'updated_at', 3);
    expect((await resumeStalledWork()).photosResent).toBeGreaterThanOrEqual(1);
    expect(await jobCount(processPhotoHandler.name, 'petId', id)).toBe(1);
    // The next run finds the job there: nothing more is sent.
    await resumeStalledWork();
    expect(await jobCount(processPhotoHandler.name, 'petId', id)).toBe(1);

    workers = await startWorkers({ jobs: [processPhotoHandler], pollingIntervalSeconds: 0.5 });
    const pet = await settledPet(owner, id);
    expect(pet.photoStatus).toBe('ready');
    expect(pet.imageUrl).toEqual(expect.any(String));
  });
});

describe('an export whose job was never sent', () => {
  it('is sent again, and the export becomes ready', async () => {
    const owner = await signedIn('stalled-export');
    // The row committed; the process died before the send.
    const exportId = await queuedExportWithoutJob(owner.userId);
    await age('data_exports', exportId, 'created_at', 3);

    expect((await resumeStalledWork()).exportsResent).toBeGreaterThanOrEqual(1);
    expect(await jobCount(exportUserDataHandler.name, 'exportId', exportId)).toBe(1);
    await resumeStalledWork();
    expect(await jobCount(exportUserDataHandler.name, 'exportId', exportId)).toBe(1);

    workers = await startWorkers({ jobs: [exportUserDataHandler], pollingIntervalSeconds: 0.5 });
    await vi.waitFor(
      async () => expect((await exportsOf(owner))[0]).toMatchObject({ id: exportId, status: 'ready', petCount: 0 }),
      { timeout: 30_000, interval: 200 },
    );
  });

  it('still unfinished after two hours: failed, and the owner may start another at once', async () => {
    const owner = await signedIn('stalled-export-old');
    const exportId = await queuedExportWithoutJob(owner.userId);
    expect(returned(await owner.submit(exportUserData, {}))).toMatchObject({ success: false });

    await age('data_exports', exportId, 'created_at', 121);
    expect((await resumeStalledWork()).exportsFailed).toBeGreaterThanOrEqual(1);
    expect(await jobCount(exportUserDataHandler.name, 'exportId', exportId)).toBe(0);
    expect((await exportsOf(owner))[0]).toMatchObject({
      id: exportId,
      status: 'failed',
      error: 'The export could not be built. Please try again.',
    });
    expect(returned(await owner.submit(exportUserData, {}))).toEqual({ success: true, message: STARTED });
  });
});
