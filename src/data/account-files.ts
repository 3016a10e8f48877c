// Removing a deleted account's files: every object under its storage folder (photos, uploads still
// pending, data exports), by the `remove-account-files` job after the account's row is gone. A
// system job with no session: the account no longer exists, so there is no user to run as, and the
// only thing it is given is the id, checked to be a deleted account's before anything is removed.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { isUuid } from '@/lib/uuid';
import { storage } from '@/storage';
import { accountFolder } from './image-keys';

/** Keys per delete call: S3's DeleteObjects takes at most 1,000, and a batch is the progress a retry keeps. */
export const ACCOUNT_FILES_BATCH = 1000;

export class AccountStillExistsError extends Error {
  override name = 'AccountStillExistsError';
}

/**
 * Deletes every object under the deleted account's folder, listing and deleting in batches, and
 * returns how many it deleted. Idempotent: a second run (a retry, a worker killed half-way) lists
 * only what is left. Refuses an account that still exists: its files are in use.
 */
export async function removeAccountFiles(userId: string): Promise<{ deleted: number }> {
  // The folder is the id followed by `/`: anything but a UUID could name another folder, or all of them.
  if (!isUuid(userId)) throw new Error('removeAccountFiles needs an account id (a UUID)');
  const [stillThere] = await db().select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  if (stillThere) throw new AccountStillExistsError(`account ${userId} still exists: its files are not removed`);

  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    await storage().delete(batch);
    deleted += batch.length;
    batch = [];
  };
  // Deleting what was listed while the listing goes on is safe with both drivers: the local one has
  // read each directory before it yields its files, and S3 pages on from the last key it returned.
  for await (const object of storage().list(accountFolder(userId))) {
    batch.push(object.key);
    if (batch.length >= ACCOUNT_FILES_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return { deleted };
}
