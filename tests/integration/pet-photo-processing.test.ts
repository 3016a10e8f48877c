// Photo processing off the request path (ADR 0016), on the test's database (PGlite, or PostgreSQL with
// TEST_DATABASE=postgres) and local disk: a saved photo is 'processing' (nothing served, the original
// never) until the process-photo job makes it 'ready'; a photo that cannot be decoded ends 'failed'
// with nothing left; an edit or a delete while the job works wins and leaves no orphan; a job run
// again after a crash midway has one effect; one account's queue does not hold another's photo back;
// the sweep keeps an original a job still needs and removes those of abandoned ones.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPet, deletePet, updatePet, type PetFormResult } from '@/actions/pets';
import { getImageSignedUrl } from '@/actions/upload';
import { processPendingPhoto } from '@/data/pets/photo-processing';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { db, type Transaction } from '@/db/client';
import { withUser } from '@/db/with-user';
import { processPhotoHandler } from '@/jobs/handlers/process-photo';
import { runJob } from '@/jobs/run-job';
import { resetEnvForTests } from '@/lib/env';
import { stopWorkers } from '@/jobs/workers';
import { storage } from '@/storage';
import { jpegWithGps, noisePng, png, pngClaiming } from '../support/images';
import { uploadLocally } from '../support/local-upload';
import { returned, type ActionOutcome } from '../support/next-request';
import { readPet, settledPet, startPhotoWorkers } from '../support/photo-jobs';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const FIELDS = { name: 'Pixel', category: 'Cat', birthday: '2021-04-04', gender: 'female', timezone: 'UTC' };

function createdId(outcome: ActionOutcome<PetFormResult>): string {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

async function createWithPhoto(user: SignedInBrowser, bytes: Buffer, name = FIELDS.name): Promise<string> {
  return createdId(await user.submit(createPet, { ...FIELDS, name, storagePath: await uploadLocally(user, bytes) }));
}

/** The user's stored objects, used uploads' empty tombstones aside (consumeUpload). */
async function keysOf(user: SignedInBrowser): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(`${user.userId}/`)) if (object.size > 0) keys.push(object.key);
  return keys.sort();
}

/** The row's own columns, read as the database's owner (what no DTO shows). */
async function rowOf(id: string) {
  const result = (await db().execute(
    sql`select photo_status, photo_original_key, photo_bytes, image_path from pets where id = ${id}`,
  )) as unknown as {
    rows: {
      photo_status: string | null;
      photo_original_key: string | null;
      photo_bytes: string | number;
      image_path: string | null;
    }[];
  };
  const row = result.rows[0]!;
  return { ...row, photo_bytes: Number(row.photo_bytes) };
}

async function sizeOf(key: string): Promise<number> {
  return (await storage().head(key))!.size;
}

/** The job's scope for `user`, whose asUser runs `before(n)` first on its n-th call (n from 1). */
function scopeOf(user: SignedInBrowser, before: (call: number) => Promise<void> = async () => {}) {
  let calls = 0;
  return {
    userId: user.userId,
    asUser: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      await before(++calls);
      return withUser(db(), user.userId, work);
    },
  };
}

/** A JPEG whose header is whole and whose picture data stops early: readable header, undecodable file. */
async function truncatedJpeg(): Promise<Buffer> {
  const whole = await jpegWithGps(1600, 1200);
  return whole.subarray(0, Math.floor(whole.length / 3));
}

let alice: SignedInBrowser;
let workers: { stop: () => Promise<void> } | null = null;

beforeAll(async () => {
  alice = await signedIn('processing');
});

afterEach(async () => {
  await workers?.stop();
  workers = null;
});

afterAll(async () => {
  await stopWorkers();
});

describe('a saved photo', () => {
  it('is "processing" with nothing served until the job makes it ready, then the original is gone', async () => {
    const storagePath = await uploadLocally(alice, await jpegWithGps(2000, 1500), 'image/jpeg', 'garden.jpg');
    const id = createdId(await alice.submit(createPet, { ...FIELDS, storagePath }));

    const pending = await readPet(alice, id);
    expect(pending).toMatchObject({ photoStatus: 'processing', imagePath: null, imageUrl: null, thumbnailUrl: null });
    expect(await rowOf(id)).toMatchObject({ photo_original_key: storagePath, photo_bytes: await sizeOf(storagePath) });
    // The original (GPS and all) is never handed out, not even to its owner.
    expect(returned(await alice.call(() => getImageSignedUrl({ imagePath: storagePath })))).toEqual({
      success: false,
      message: 'You do not have permission to access this image',
    });

    workers = await startPhotoWorkers();
    const ready = await settledPet(alice, id);
    expect(ready.photoStatus).toBe('ready');
    expect(ready.imagePath).toMatch(/-garden\.webp$/);
    expect(ready.imageUrl).not.toBeNull();
    expect(ready.thumbnailUrl).not.toBeNull();
    // The original's bytes go right after the row stops pointing at it: an empty tombstone is left,
    // so its upload URL cannot store it again.
    await vi.waitFor(async () => expect(await storage().head(storagePath)).toMatchObject({ size: 0 }));
    const thumbnail = ready.imagePath!.replace(/\.webp$/, '.thumb.webp');
    // The quota now counts what is stored: the display image and the thumbnail.
    expect((await rowOf(id)).photo_bytes).toBe((await sizeOf(ready.imagePath!)) + (await sizeOf(thumbnail)));
  });

  it.each([
    ['a JPEG cut off after its header', truncatedJpeg],
    ['a PNG whose header claims 49 megapixels it does not have', () => pngClaiming(7000, 7000)],
  ])('that cannot be decoded (%s) passes the header checks, then ends "failed" with nothing kept', async (_, make) => {
    // Accepted in the request: only the header is read there (metadata() decodes no pixel).
    const id = await createWithPhoto(alice, await make(), 'Broken');
    const original = (await rowOf(id)).photo_original_key!;
    expect(original).not.toBeNull();

    workers = await startPhotoWorkers();
    const failed = await settledPet(alice, id);
    expect(failed).toMatchObject({ photoStatus: 'failed', imagePath: null, imageUrl: null, thumbnailUrl: null });
    expect(await rowOf(id)).toMatchObject({ photo_original_key: null, photo_bytes: 0 });
    await vi.waitFor(async () => expect(await storage().head(original)).toMatchObject({ size: 0 }));

    // Choosing another photo clears the failure.
    const version = (await readPet(alice, id)).version;
    await alice.submit(updatePet, {
      id,
      version: String(version),
      storagePath: await uploadLocally(alice, await png()),
    });
    expect((await settledPet(alice, id)).photoStatus).toBe('ready');
  });
});

describe('the storage quota', () => {
  it('is checked again by the job: derived images that do not fit end "failed", nothing kept, the quota holds', async () => {
    const frank = await signedIn('processing');
    // The original (a 2-colour PNG) is a few KB; its WebP display image and thumbnail are far larger.
    const original = await noisePng();
    const quota = original.length + 50 * 1024;
    process.env.STORAGE_QUOTA_BYTES = String(quota);
    resetEnvForTests();
    try {
      const id = await createWithPhoto(frank, original, 'Noise');
      expect((await rowOf(id)).photo_bytes).toBe(original.length);

      workers = await startPhotoWorkers();
      const settled = await settledPet(frank, id);
      expect(settled).toMatchObject({ photoStatus: 'failed', imagePath: null, imageUrl: null, thumbnailUrl: null });
      expect(await rowOf(id)).toMatchObject({ photo_original_key: null, photo_bytes: 0 });
      // Nothing the job made is left (deleted after the row says failed), and the original is a used
      // upload's empty tombstone.
      await vi.waitFor(async () => expect(await keysOf(frank)).toEqual([]));
    } finally {
      delete process.env.STORAGE_QUOTA_BYTES;
      resetEnvForTests();
    }
  });
});

describe('an edit or a delete while the photo is processed', () => {
  it('a new photo before the job ran: the first original goes at once, only the second is processed', async () => {
    const bob = await signedIn('processing');
    const id = await createWithPhoto(bob, await png(), 'First');
    const first = (await rowOf(id)).photo_original_key!;
    const second = await uploadLocally(bob, await png(640, 480), 'image/png', 'second.png');
    const { version } = await readPet(bob, id);
    expect((await bob.submit(updatePet, { id, version: String(version), storagePath: second })).kind).toBe(
      'redirected',
    );
    expect(await storage().head(first)).toBeNull();

    workers = await startPhotoWorkers();
    const pet = await settledPet(bob, id);
    expect(pet.imagePath).toMatch(/-second\.webp$/);
    // The first job found the row moved on and did nothing: only the second photo's objects exist.
    await vi.waitFor(async () =>
      expect(await keysOf(bob)).toEqual([pet.imagePath!, pet.imagePath!.replace(/\.webp$/, '.thumb.webp')].sort()),
    );
  });

  it('an edit that lands while the job decodes wins: the job deletes what it made', async () => {
    const carol = await signedIn('processing');
    const id = await createWithPhoto(carol, await png(), 'Racing');
    const original = (await rowOf(id)).photo_original_key!;
    // The job's second transaction (the one that would point the row at its images) comes after the
    // user removed the photo.
    const outcome = await processPendingPhoto(
      scopeOf(carol, async (call) => {
        if (call !== 2) return;
        const { version } = await readPet(carol, id);
        await carol.submit(updatePet, { id, version: String(version), removeImage: 'true' });
      }),
      id,
      original,
    );
    expect(outcome).toBe('superseded');
    expect(await readPet(carol, id)).toMatchObject({ photoStatus: null, imagePath: null });
    expect(await rowOf(id)).toMatchObject({ photo_bytes: 0, photo_original_key: null });
    expect(await keysOf(carol)).toEqual([]);
  });

  it('a delete that lands while the job decodes wins: nothing of the pet is left', async () => {
    const dave = await signedIn('processing');
    const id = await createWithPhoto(dave, await png(), 'Gone');
    const original = (await rowOf(id)).photo_original_key!;
    const outcome = await processPendingPhoto(
      scopeOf(dave, async (call) => {
        if (call === 2) expect((await dave.submit(deletePet, { id })).kind).toBe('redirected');
      }),
      id,
      original,
    );
    expect(outcome).toBe('superseded');
    expect(await keysOf(dave)).toEqual([]);
  });

  it('a delete before the job ran removes the original; the job then does nothing', async () => {
    const erin = await signedIn('processing');
    const id = await createWithPhoto(erin, await png(), 'Early');
    const original = (await rowOf(id)).photo_original_key!;
    expect((await erin.submit(deletePet, { id })).kind).toBe('redirected');
    expect(await keysOf(erin)).toEqual([]);
    expect(await processPendingPhoto(scopeOf(erin), id, original)).toBe('superseded');
    expect(await keysOf(erin)).toEqual([]);
  });
});

describe('a job run again', () => {
  it('after a crash between writing the images and pointing the row at them has one effect', async () => {
    const frank = await signedIn('processing');
    const id = await createWithPhoto(frank, await jpegWithGps(), 'Crashy');
    const original = (await rowOf(id)).photo_original_key!;
    const payload = { userId: frank.userId, petId: id, originalKey: original };
    // A real failure of the final write, for this pet only: the run dies after its images are stored.
    await db().execute(
      sql.raw(`create or replace function pets_fail_photo_for_test() returns trigger language plpgsql as $$
        begin if new.id = '${id}' and new.photo_status = 'ready' then raise exception 'crash midway'; end if;
        return new; end $$`),
    );
    await db().execute(
      sql.raw(
        'create trigger pets_fail_photo_for_test before update on pets for each row execute function pets_fail_photo_for_test()',
      ),
    );
    try {
      await expect(runJob(processPhotoHandler, payload, { jobId: 'crash-1', attempt: 1 })).rejects.toThrow(
        /Failed query: update "pets"/,
      );
    } finally {
      await db().execute(sql.raw('drop trigger if exists pets_fail_photo_for_test on pets'));
      await db().execute(sql.raw('drop function if exists pets_fail_photo_for_test()'));
    }
    expect((await readPet(frank, id)).photoStatus).toBe('processing');
    const afterCrash = await keysOf(frank);
    expect(afterCrash).toHaveLength(3); // the original, and the images the run wrote

    await runJob(processPhotoHandler, payload, { jobId: 'crash-1', attempt: 2 });
    await runJob(processPhotoHandler, payload, { jobId: 'crash-1', attempt: 3 });
    const pet = await readPet(frank, id);
    expect(pet.photoStatus).toBe('ready');
    const images = [pet.imagePath!, pet.imagePath!.replace(/\.webp$/, '.thumb.webp')].sort();
    // The retry wrote over the same two keys: one display image, one thumbnail, no original.
    expect(await keysOf(frank)).toEqual(images);
    expect(afterCrash).toEqual([...images, original].sort());
    expect((await rowOf(id)).photo_bytes).toBe((await sizeOf(images[0]!)) + (await sizeOf(images[1]!)));
  });
});

describe('fairness between accounts', () => {
  it('one account with 10 photos queued delays another’s single photo by one or two of its own, not all ten', async () => {
    // Only these two accounts' photos in the queue: jobs the earlier tests left (they ran theirs by
    // hand) belong to other accounts, and each of those takes its turn before the quiet one's too.
    await db().execute(
      sql`delete from pgboss.job where name = ${processPhotoHandler.name} and state in ('created', 'retry')`,
    );
    const busy = await signedIn('processing');
    const quiet = await signedIn('processing');
    const busyIds: string[] = [];
    for (let index = 0; index < 10; index++)
      busyIds.push(await createWithPhoto(busy, await jpegWithGps(), `Busy ${index}`));
    const quietId = await createWithPhoto(quiet, await jpegWithGps(), 'Quiet');

    workers = await startPhotoWorkers();
    for (const id of [quietId, ...busyIds])
      expect((await settledPet(id === quietId ? quiet : busy, id, 120_000)).photoStatus).toBe('ready');
    // The order the photos became ready in, from the rows themselves (each job's final write sets
    // updated_at), not from reading them after the quiet one is done, while more are finishing.
    const result = (await db().execute(sql`
      select count(*)::int as ready_before from pets busy, pets quiet
      where quiet.id = ${quietId} and busy.id in (${sql.join(
        busyIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and busy.updated_at < quiet.updated_at`)) as unknown as { rows: { ready_before: number }[] };
    // Without the turns the quiet account's photo would come after all ten. With them: after the
    // busy account's first (older, same turn), and at most one more that a spare fetcher had already
    // claimed (src/jobs/workers.ts). The jobs' timeline says why when it does not hold.
    const jobs = (await db().execute(sql`
      select data->>'petId' = ${quietId} as quiet, priority, state, retry_count, created_on, started_on, completed_on
      from pgboss.job where name = ${processPhotoHandler.name} order by started_on`)) as unknown as { rows: unknown[] };
    expect(result.rows[0]!.ready_before, JSON.stringify(jobs.rows, null, 1)).toBeLessThanOrEqual(2);
  }, 240_000);
});

describe('the sweep', () => {
  it('keeps an original a pending job needs, and gives up on an abandoned one: failed, original removed', async () => {
    const gina = await signedIn('processing');
    const id = await createWithPhoto(gina, await png(), 'Waiting');
    const original = (await rowOf(id)).photo_original_key!;

    // Past the storage grace, but the row still waits for it (and has not been waiting an hour).
    await sweepUnreferencedObjects({ now: new Date(Date.now() + 2 * 60 * 60 * 1000) });
    expect(await storage().head(original)).not.toBeNull();
    expect((await readPet(gina, id)).photoStatus).toBe('processing');

    // Waiting longer than the grace (0 here): the job is taken as lost.
    const report = await sweepUnreferencedObjects({ graceMs: 0, now: new Date(Date.now() + 1000) });
    expect(report.deleted).toContain(original);
    expect(await readPet(gina, id)).toMatchObject({ photoStatus: 'failed', imagePath: null });
    expect(await rowOf(id)).toMatchObject({ photo_original_key: null, photo_bytes: 0 });
  });
});
