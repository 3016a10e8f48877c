// Deleting an account with 1,000 photos, for either storage adapter: the deleteAccount action deletes
// the rows and answers without touching storage (every object is still there when it returns, and no
// worker runs yet); the remove-account-files job then removes every object under the account's
// folder — photos, a pending upload, an export — and nothing of another account's. Run by
// account-files.test.ts (local disk) and account-files-s3.test.ts (radosgw), on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deleteAccount } from '@/actions/account';
import { getCurrentUser } from '@/actions/auth';
import { generateImageUploadUrl } from '@/actions/upload';
import { AccountStillExistsError, removeAccountFiles } from '@/data/account-files';
import { LATE_FILES_PASS_MS } from '@/data/account';
import { serveLocalStorage } from '@/data/images';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { removeAccountFilesHandler } from '@/jobs/handlers/remove-account-files';
import { jobQueue, stopJobQueue } from '@/queue/client';
import { startWorkers } from '@/jobs/workers';
import { storage } from '@/storage';
import { returned } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const PASSWORD = 'correct horse battery';
const PHOTOS = 1_000;

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(prefix)) keys.push(object.key);
  return keys.sort();
}

/** Runs `task` over `items`, `width` at a time (seeding thousands of objects quickly, not all at once). */
async function eachLimited<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** `count` pets with a photo each (display image + thumbnail), rows and objects written directly. */
async function seedPhotos(userId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, index) => ({
    userId,
    name: `Pet ${index}`,
    category: 'Cat',
    birthday: '2020-01-01',
    gender: 'other' as const,
    imagePath: `${userId}/pets/${randomUUID()}-pet-${index}.webp`,
    photoBytes: 2,
  }));
  await withUser(db(), userId, (tx) => tx.insert(pets).values(rows));
  const keys = rows.flatMap((row) => [row.imagePath, row.imagePath.replace(/\.webp$/, '.thumb.webp')]);
  await eachLimited(keys, 32, (key) => storage().put(key, Buffer.from('x'), { contentType: 'image/webp' }));
  return keys;
}

/** An upload handed out and stored, never made into a pet: a reservation row and its object. */
async function pendingUpload(user: SignedInBrowser): Promise<string> {
  const bytes = new Uint8Array(Buffer.from('\xff\xd8\xff pending upload', 'latin1'));
  const signed = returned(
    await user.call(() =>
      generateImageUploadUrl({ filename: 'pending.jpg', fileType: 'image/jpeg', fileSize: bytes.length }),
    ),
  );
  if (!signed.success) throw new Error(signed.message);
  const init = { method: 'PUT', headers: signed.headers, body: bytes };
  const response =
    storage().driver === 'local'
      ? await serveLocalStorage(new Request(new URL(signed.uploadUrl!, 'http://localhost'), init))
      : await fetch(signed.uploadUrl!, init);
  expect(response.status).toBe(200);
  return signed.storagePath!;
}

async function rowCount(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db().execute(query)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

export function accountFilesSuite(driver: 'local' | 's3'): void {
  describe(`a deleted account's files (${driver})`, () => {
    afterAll(async () => {
      await stopJobQueue(1_000);
    });

    it('deleteAccount answers without touching storage; the job then removes every object of the account, and nothing else', async () => {
      const owner = await signedIn('files-owner', PASSWORD);
      const other = await signedIn('files-other', PASSWORD);
      const ownerKeys = [
        ...(await seedPhotos(owner.userId, PHOTOS)),
        await pendingUpload(owner),
        // Anything else kept in the account's folder (a data export) goes too.
        `${owner.userId}/exports/${randomUUID()}.zip`,
      ];
      await storage().put(ownerKeys.at(-1)!, Buffer.from('PK'), { contentType: 'application/zip' });
      await seedPhotos(other.userId, 3);
      await pendingUpload(other);
      const othersBefore = await keysUnder(`${other.userId}/`);
      expect(await keysUnder(`${owner.userId}/`)).toEqual([...ownerKeys].sort());
      expect(ownerKeys).toHaveLength(2 * PHOTOS + 2);

      const email = returned(await owner.call(() => getCurrentUser()))!.email;
      const started = performance.now();
      const answer = await owner.submit(deleteAccount, { confirmEmail: email, password: PASSWORD });
      const answeredInMs = performance.now() - started;
      expect(answer).toEqual({ kind: 'redirected', location: '/login?deleted=1' });
      // No worker runs yet: every object is still there, so the action listed and deleted nothing.
      expect(await keysUnder(`${owner.userId}/`)).toHaveLength(ownerKeys.length);
      expect(await rowCount(sql`select count(*)::int as n from pets where user_id = ${owner.userId}`)).toBe(0);
      expect(
        await rowCount(sql`select count(*)::int as n from upload_reservations where user_id = ${owner.userId}`),
      ).toBe(0);
      const boss = await jobQueue();
      const queued = await boss.findJobs<{ userId: string }>(removeAccountFilesHandler.name, {
        data: { userId: owner.userId },
      });
      expect(queued).toHaveLength(2);
      const [now, late] = [...queued].sort((a, b) => a.startAfter.getTime() - b.startAfter.getTime());
      expect(late!.startAfter.getTime() - now!.startAfter.getTime()).toBeGreaterThan(LATE_FILES_PASS_MS - 60_000);
      console.log(
        `deleteAccount with ${ownerKeys.length} objects (${driver}) answered in ${answeredInMs.toFixed(0)} ms`,
      );

      await startWorkers({ jobs: [removeAccountFilesHandler], pollingIntervalSeconds: 0.5 });
      await vi.waitFor(
        async () =>
          expect((await boss.findJobs(removeAccountFilesHandler.name, { id: now!.id }))[0]?.state).toBe('completed'),
        { timeout: 120_000, interval: 250 },
      );
      expect(await keysUnder(`${owner.userId}/`)).toEqual([]);
      expect(await keysUnder(`${other.userId}/`)).toEqual(othersBefore);
      expect(await rowCount(sql`select count(*)::int as n from pets where user_id = ${other.userId}`)).toBe(3);
    }, 300_000);

    it('is idempotent (a second run finds nothing and succeeds) and refuses an account that still exists', async () => {
      const gone = await signedIn('files-gone', PASSWORD);
      const kept = await signedIn('files-kept', PASSWORD);
      await seedPhotos(gone.userId, 2);
      const keptKeys = await seedPhotos(kept.userId, 2);
      await db().execute(sql`delete from users where id = ${gone.userId}`);

      expect(await removeAccountFiles(gone.userId)).toEqual({ deleted: 4 });
      expect(await removeAccountFiles(gone.userId)).toEqual({ deleted: 0 });
      expect(await keysUnder(`${gone.userId}/`)).toEqual([]);

      await expect(removeAccountFiles(kept.userId)).rejects.toBeInstanceOf(AccountStillExistsError);
      await expect(removeAccountFiles('')).rejects.toThrow(/needs an account id/);
      expect(await keysUnder(`${kept.userId}/`)).toEqual([...keptKeys].sort());
    });
  });
}
