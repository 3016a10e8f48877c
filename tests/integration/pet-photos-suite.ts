// Pet photos end to end below the browser, for either storage adapter: the image actions and their
// messages, the signed upload (through the app's storage route for local disk, straight to the S3
// server otherwise), the server's checks, what is served back, and that storage never keeps an
// object without a row nor a row without its objects. Run by pet-photos.test.ts (local disk) and
// pet-photos-s3.test.ts (radosgw).
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPet, deletePet, updatePet, type PetFormResult } from '@/actions/pets';
import { generateImageUploadUrl, getImageSignedUrl } from '@/actions/upload';
import { UPLOAD_TOMBSTONE_MS } from '@/data/image-keys';
import { UPLOAD_URL_SECONDS } from '@/data/images';
import { sweepUnreferencedObjects } from '@/data/sweep';
import { db } from '@/db/client';
import { stopWorkers } from '@/jobs/workers';
import { storage } from '@/storage';
import { hasGpsTag, jpegOfSize, jpegWithGps, png, pngClaiming, TWENTY_MB } from '../support/images';
import { Browser, returned, type ActionOutcome } from '../support/next-request';
import { settledPet, startPhotoWorkers } from '../support/photo-jobs';
import { toSignedUrl } from '../support/local-upload';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const FIELDS = { name: 'Pixel', category: 'Cat', birthday: '2021-04-04', gender: 'female', timezone: 'UTC' };

type User = SignedInBrowser;

async function putSigned(
  url: string,
  headers: Record<string, string> | undefined,
  bytes: Uint8Array,
): Promise<Response> {
  return toSignedUrl(url, { method: 'PUT', headers, body: bytes, duplex: 'half' } as RequestInit);
}

type SignedUpload = { storagePath: string; uploadUrl: string; headers: Record<string, string> | undefined };

/** What the browser does: ask for a signed URL, then PUT the bytes to it. */
async function signedUpload(
  user: User,
  bytes: Buffer,
  type = 'image/jpeg',
  filename = 'photo.jpg',
): Promise<SignedUpload> {
  const signed = returned(
    await user.call(() => generateImageUploadUrl({ filename, fileType: type, fileSize: bytes.length })),
  );
  expect(signed).toMatchObject({ success: true });
  const response = await putSigned(signed.uploadUrl!, signed.headers, new Uint8Array(bytes));
  expect(response.status).toBe(200);
  await response.body?.cancel();
  return { storagePath: signed.storagePath!, uploadUrl: signed.uploadUrl!, headers: signed.headers };
}

async function upload(user: User, bytes: Buffer, type = 'image/jpeg', filename = 'photo.jpg'): Promise<string> {
  return (await signedUpload(user, bytes, type, filename)).storagePath;
}

/** The account's photo storage as the quota counts it: stored photos plus pending uploads. */
async function storageCounted(userId: string): Promise<number> {
  const result = (await db().execute(sql`
    select coalesce((select sum(photo_bytes) from pets where user_id = ${userId}), 0)
      + coalesce((select sum(bytes) from upload_reservations where user_id = ${userId} and expires_at > now()), 0)
      as used`)) as unknown as { rows: { used: string | number }[] };
  return Number(result.rows[0]!.used);
}

const fetchSigned = (url: string) => toSignedUrl(url);

async function createdId(outcome: ActionOutcome<PetFormResult>): Promise<string> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

/** The pet once its photo is processed (the process-photo job runs in this process: startPhotoWorkers). */
const petOf = (user: User, id: string) => settledPet(user, id);

async function storedKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(prefix)) keys.push(object.key);
  return keys.sort();
}

export function photoSuite(driver: 'local' | 's3') {
  let alice: User;
  let bob: User;

  let workers: { stop: () => Promise<void> };

  beforeAll(async () => {
    expect(storage().driver).toBe(driver);
    workers = await startPhotoWorkers();
    alice = await signedIn('photo');
    bob = await signedIn('photo');
  });

  describe('generateImageUploadUrl', () => {
    it('answers "Unauthorized" without a session', async () => {
      expect(
        returned(
          await new Browser().call(() =>
            generateImageUploadUrl({ filename: 'a.jpg', fileType: 'image/jpeg', fileSize: 10 }),
          ),
        ),
      ).toEqual({
        success: false,
        message: 'Unauthorized',
      });
    });

    it.each([
      [{ filename: 'a.gif', fileType: 'image/gif', fileSize: 10 }, 'Only JPEG and PNG formats are supported'],
      [{ filename: 'a.svg', fileType: 'image/svg+xml', fileSize: 10 }, 'Only JPEG and PNG formats are supported'],
      [{ filename: 'a.jpg', fileType: 'image/jpeg', fileSize: TWENTY_MB + 1 }, 'Image must be under 20MB'],
    ])('refuses %o with the contract message', async (input, message) => {
      expect(returned(await alice.call(() => generateImageUploadUrl(input)))).toEqual({ success: false, message });
    });

    it('signs a URL into the caller’s own folder, with a UUID and a sanitized filename', async () => {
      const result = returned(
        await alice.call(() =>
          generateImageUploadUrl({ filename: '../../Ünïcode Photo (1).JPG', fileType: 'image/jpeg', fileSize: 1234 }),
        ),
      );
      expect(result.storagePath).toMatch(new RegExp(`^${alice.userId}/pets/[0-9a-f-]{36}-unicode-photo-1\\.jpg$`));
    });

    it('refuses a body over the signed size and stores nothing', async () => {
      const signed = returned(
        await alice.call(() => generateImageUploadUrl({ filename: 'a.jpg', fileType: 'image/jpeg', fileSize: 100 })),
      );
      const response = await putSigned(signed.uploadUrl!, signed.headers, new Uint8Array(101));
      // Local disk answers 413; S3 refuses a body other than the signed Content-Length (403).
      expect([403, 413]).toContain(response.status);
      expect(await storage().head(signed.storagePath!)).toBeNull();
    });
  });

  describe('getImageSignedUrl', () => {
    it('signs a view URL for one of the caller’s images and refuses anyone else’s', async () => {
      const id = await createdId(
        await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await jpegWithGps()) }),
      );
      const pet = await petOf(alice, id);
      const mine = returned(await alice.call(() => getImageSignedUrl({ imagePath: pet.imagePath! })));
      expect(mine).toMatchObject({ success: true, signedUrl: expect.stringMatching(/sig=|X-Amz-Signature=/) });
      expect((await fetchSigned(mine.signedUrl!)).status).toBe(200);

      const refused = { success: false, message: 'You do not have permission to access this image' };
      expect(returned(await bob.call(() => getImageSignedUrl({ imagePath: pet.imagePath! })))).toEqual(refused);
      for (const imagePath of [
        `${bob.userId}/pets/../../${pet.imagePath}`,
        `${bob.userId}/pets/%2e%2e/x.webp`,
        '/etc/passwd',
        '',
      ]) {
        expect(returned(await bob.call(() => getImageSignedUrl({ imagePath })))).toEqual(refused);
      }
      expect(returned(await new Browser().call(() => getImageSignedUrl({ imagePath: pet.imagePath! })))).toEqual({
        success: false,
        message: 'Unauthorized',
      });
    });
  });

  describe('createPet with a photo', () => {
    it('stores a re-encoded display image and thumbnail, without EXIF or GPS, and leaves the upload an empty tombstone', async () => {
      const original = await jpegWithGps(3000, 2000);
      expect(await hasGpsTag(original)).toBe(true);
      const storagePath = await upload(alice, original);
      const pet = await petOf(alice, await createdId(await alice.submit(createPet, { ...FIELDS, storagePath })));

      expect(pet.photoStatus).toBe('ready');
      expect(pet.imagePath).toMatch(new RegExp(`^${alice.userId}/pets/[0-9a-f-]{36}-photo\\.webp$`));
      const display = await fetchSigned(pet.imageUrl!);
      expect(display.headers.get('content-type')).toBe('image/webp');
      if (driver === 'local') expect(display.headers.get('x-content-type-options')).toBe('nosniff');
      const displayBytes = Buffer.from(await display.arrayBuffer());
      const displayMeta = await sharp(displayBytes).metadata();
      expect(displayMeta).toMatchObject({ format: 'webp', width: 2560 });
      expect(displayMeta.exif).toBeUndefined();
      expect(await hasGpsTag(displayBytes)).toBe(false);

      const thumbnail = Buffer.from(await (await fetchSigned(pet.thumbnailUrl!)).arrayBuffer());
      expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'webp', width: 640, height: 480 });
      expect(thumbnail.length).toBeLessThan(60_000);
      // The upload is used: what is left at its key is an empty tombstone (see the replay test).
      expect((await storage().head(storagePath))?.size).toBe(0);
    });

    it('refuses a replay of the upload URL while its photo waits for the job and once the job used it: nothing stored, quota unchanged', async () => {
      const photo = await jpegWithGps();
      const used = await signedUpload(alice, photo);
      const replayAll = async (label: string) => {
        for (let attempt = 0; attempt < 2; attempt++) {
          const replay = await putSigned(used.uploadUrl, used.headers, new Uint8Array(randomBytes(photo.length)));
          await replay.body?.cancel();
          // Local disk: 409 (the key is taken); S3: 412 (If-None-Match: * finds an object).
          expect([409, 412], `${label}: replay #${attempt + 1}`).toContain(replay.status);
        }
      };
      // The job is held back, so the first replays meet the pending original itself at the key.
      await workers.stop();
      let id: string;
      try {
        id = await createdId(
          await alice.submit(createPet, { ...FIELDS, name: 'Replayed', storagePath: used.storagePath }),
        );
        const pending = await storageCounted(alice.userId);
        await replayAll('before the job');
        const atKey = await storage().read(used.storagePath, { maxBytes: photo.length + 1 });
        expect(atKey?.equals(photo), 'the pending original is unchanged').toBe(true);
        expect(await storageCounted(alice.userId)).toBe(pending);
      } finally {
        workers = await startPhotoWorkers();
      }
      expect((await petOf(alice, id)).photoStatus).toBe('ready');
      const counted = await storageCounted(alice.userId);
      await replayAll('after the job');
      // The original is consumed (an empty tombstone) right after the row says ready.
      await vi.waitFor(async () => expect((await storage().head(used.storagePath))?.size).toBe(0));
      expect(await storageCounted(alice.userId)).toBe(counted);
      // Nor does the tombstone pass for a photo: naming the used upload again is a failed upload.
      expect(
        returned(await alice.submit(createPet, { ...FIELDS, name: 'Again', storagePath: used.storagePath })),
      ).toMatchObject({ success: false, message: 'Failed to upload image. Please try again.' });
    });

    it('accepts a 6000×4000 photo and a PNG', { timeout: 120_000 }, async () => {
      const big = await petOf(
        alice,
        await createdId(
          await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await jpegWithGps(6000, 4000)) }),
        ),
      );
      expect(big.imagePath).not.toBeNull();
      const fromPng = await petOf(
        alice,
        await createdId(
          await alice.submit(createPet, {
            ...FIELDS,
            storagePath: await upload(alice, await png(), 'image/png', 'p.png'),
          }),
        ),
      );
      expect(fromPng.imagePath).toMatch(/-p\.webp$/);
    });

    it('accepts a JPEG of exactly 20 MB', async () => {
      const storagePath = await upload(alice, await jpegOfSize(TWENTY_MB));
      const pet = await petOf(alice, await createdId(await alice.submit(createPet, { ...FIELDS, storagePath })));
      expect(pet.imagePath).not.toBeNull();
    });

    it('refuses a text file posing as a PNG ("Invalid image file") and creates nothing', async () => {
      const storagePath = await upload(
        alice,
        Buffer.from('<html><script>alert(1)</script></html>'),
        'image/png',
        'evil.png',
      );
      const result = returned(await alice.submit(createPet, { ...FIELDS, name: 'Posing', storagePath }));
      expect(result.errors).toEqual({ image: ['Invalid image file'] });
      expect(result.values?.storagePath).toBe(storagePath);
    });

    it('refuses a decompression bomb', async () => {
      const storagePath = await upload(alice, await pngClaiming(30_000, 30_000), 'image/png', 'bomb.png');
      expect(returned(await alice.submit(createPet, { ...FIELDS, storagePath })).errors).toEqual({
        image: ['Invalid image file'],
      });
    });

    it('refuses another user’s upload path as a failed upload, touching nothing of theirs', async () => {
      const bobsUpload = await upload(bob, await jpegWithGps());
      expect(returned(await alice.submit(createPet, { ...FIELDS, storagePath: bobsUpload }))).toMatchObject({
        success: false,
        message: 'Failed to upload image. Please try again.',
      });
      expect(await storage().head(bobsUpload)).not.toBeNull();
      for (const storagePath of [`${alice.userId}/pets/../../${bobsUpload}`, `${alice.userId}/pets/missing.jpg`]) {
        expect(returned(await alice.submit(createPet, { ...FIELDS, storagePath })).message).toBe(
          'Failed to upload image. Please try again.',
        );
      }
    });

    it('leaves no objects behind when the database write fails', async () => {
      // A real database failure, for this one pet name only (other tests may share the database).
      const name = `Doomed ${Date.now()}`;
      await db().execute(
        sql.raw(`create or replace function pets_fail_for_test() returns trigger language plpgsql as $$
      begin if new.name = '${name}' then raise exception 'injected failure'; end if; return new; end $$`),
      );
      await db().execute(sql.raw('drop trigger if exists pets_fail_for_test on pets'));
      await db().execute(
        sql.raw(
          'create trigger pets_fail_for_test before insert on pets for each row execute function pets_fail_for_test()',
        ),
      );
      try {
        const before = await storedKeys(`${alice.userId}/`);
        const storagePath = await upload(alice, await jpegWithGps());
        expect(returned(await alice.submit(createPet, { ...FIELDS, name, storagePath }))).toMatchObject({
          success: false,
          message: 'Failed to create pet. Please try again.',
        });
        // Only the upload itself remains (the user may retry with it); no display image, no thumbnail.
        expect(await storedKeys(`${alice.userId}/`)).toEqual([...before, storagePath].sort());
      } finally {
        await db().execute(sql.raw('drop trigger if exists pets_fail_for_test on pets'));
      }
    });
  });

  describe('the photo travelling inside the form (no JavaScript)', () => {
    it('creates the pet from the file itself', async () => {
      const file = new File([new Uint8Array(await jpegWithGps())], 'Garden.jpg', { type: 'image/jpeg' });
      const pet = await petOf(alice, await createdId(await alice.submit(createPet, { ...FIELDS, image: file })));
      expect(pet.imagePath).toMatch(/-garden\.webp$/);
      expect(await hasGpsTag(Buffer.from(await (await fetchSigned(pet.imageUrl!)).arrayBuffer()))).toBe(false);
    });

    it.each([
      [new File(['plain text'], 'notes.txt', { type: 'text/plain' }), 'Only JPEG and PNG formats are supported'],
      [new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'cat.png', { type: 'image/png' }), 'Invalid image file'],
      [new File([new Uint8Array(TWENTY_MB + 1)], 'huge.jpg', { type: 'image/jpeg' }), 'Image must be under 20MB'],
    ])('refuses %s with "%s"', async (file, message) => {
      expect(returned(await alice.submit(createPet, { ...FIELDS, image: file })).errors).toEqual({ image: [message] });
    });

    it('treats an empty file part ("no file chosen") as no photo', async () => {
      const pet = await petOf(
        alice,
        await createdId(
          await alice.submit(createPet, { ...FIELDS, image: new File([], '', { type: 'application/octet-stream' }) }),
        ),
      );
      expect(pet.imagePath).toBeNull();
    });
  });

  describe('replacing, removing and deleting', () => {
    it('replacing deletes the old objects; removing deletes the new ones; deleting the pet deletes what is left', async () => {
      const id = await createdId(
        await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await jpegWithGps()) }),
      );
      const first = await petOf(alice, id);
      const firstObjects = [first.imagePath!, first.imagePath!.replace(/\.webp$/, '.thumb.webp')];

      expect(
        (
          await alice.submit(updatePet, {
            id,
            version: String(first.version),
            storagePath: await upload(alice, await png(), 'image/png', 'new.png'),
          })
        ).kind,
      ).toBe('redirected');
      const second = await petOf(alice, id);
      expect(second.imagePath).toMatch(/-new\.webp$/);
      for (const key of firstObjects) expect(await storage().head(key)).toBeNull();

      expect((await alice.submit(updatePet, { id, version: String(second.version), removeImage: 'true' })).kind).toBe(
        'redirected',
      );
      expect((await petOf(alice, id)).imagePath).toBeNull();
      expect(await storage().head(second.imagePath!)).toBeNull();

      const third = await petOf(
        alice,
        await createdId(
          await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await png(), 'image/png') }),
        ),
      );
      expect((await alice.submit(deletePet, { id: third.id })).kind).toBe('redirected');
      expect(await storage().head(third.imagePath!)).toBeNull();
    });

    it('a refused save (version conflict) keeps the old photo and stores nothing new', async () => {
      const id = await createdId(
        await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await jpegWithGps()) }),
      );
      const pet = await petOf(alice, id);
      await alice.submit(updatePet, { id, version: String(pet.version), name: 'Saved elsewhere' });
      const before = await storedKeys(`${alice.userId}/`);
      const storagePath = await upload(alice, await png(), 'image/png');
      expect(
        returned(await alice.submit(updatePet, { id, version: String(pet.version), storagePath })).message,
      ).toContain('changed in another tab');
      expect((await petOf(alice, id)).imagePath).toBe(pet.imagePath);
      expect(await storedKeys(`${alice.userId}/`)).toEqual([...before, storagePath].sort());
    });

    it('another user cannot replace or remove my photo', async () => {
      const id = await createdId(
        await alice.submit(createPet, { ...FIELDS, storagePath: await upload(alice, await jpegWithGps()) }),
      );
      const pet = await petOf(alice, id);
      expect(returned(await bob.submit(updatePet, { id, removeImage: 'true' })).message).toBe('Pet not found');
      expect(
        returned(await bob.submit(updatePet, { id, storagePath: await upload(bob, await png(), 'image/png') })).message,
      ).toBe('Pet not found');
      expect((await petOf(alice, id)).imagePath).toBe(pet.imagePath);
      expect(await storage().head(pet.imagePath!)).not.toBeNull();
    });
  });

  describe('the sweep', () => {
    it('removes abandoned uploads past the grace period, and nothing a pet points at', async () => {
      const carol = await signedIn('photo');
      const kept = await petOf(
        carol,
        await createdId(
          await carol.submit(createPet, { ...FIELDS, storagePath: await upload(carol, await jpegWithGps()) }),
        ),
      );
      const abandoned = await upload(carol, await png(), 'image/png', 'abandoned.png');

      // Within the grace period nothing goes (the user may still be filling in the form).
      await sweepUnreferencedObjects();
      expect(await storage().head(abandoned)).not.toBeNull();

      const report = await sweepUnreferencedObjects({ graceMs: 0, now: new Date(Date.now() + 1000) });
      expect(report.deleted).toContain(abandoned);
      expect(await storage().head(abandoned)).toBeNull();
      expect(await storage().head(kept.imagePath!)).not.toBeNull();
      expect(await storage().head(kept.imagePath!.replace(/\.webp$/, '.thumb.webp'))).not.toBeNull();
    });

    it('removes a used upload’s tombstone once no URL for it can be valid, and not before', async () => {
      const dave = await signedIn('photo');
      const used = await upload(dave, await jpegWithGps());
      // The job makes the used upload a tombstone once it has processed the photo.
      await petOf(dave, await createdId(await dave.submit(createPet, { ...FIELDS, storagePath: used })));
      const abandoned = await upload(dave, await png(), 'image/png', 'abandoned.png');
      expect((await storage().head(used))?.size).toBe(0);

      // Within the upload URL's lifetime (and its margin) the tombstone stays.
      await sweepUnreferencedObjects({ now: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000) });
      expect(await storage().head(used)).not.toBeNull();

      const report = await sweepUnreferencedObjects({ now: new Date(Date.now() + UPLOAD_TOMBSTONE_MS + 1000) });
      expect(report.deleted).toContain(used);
      expect(await storage().head(used)).toBeNull();
      // An upload not yet used keeps its hour.
      expect(report.deleted).not.toContain(abandoned);
      expect(await storage().head(abandoned)).not.toBeNull();
    });
  });

  afterAll(async () => {
    await workers.stop();
    await stopWorkers();
    await db().execute(sql.raw('drop function if exists pets_fail_for_test() cascade'));
  });
}
