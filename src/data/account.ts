// Deleting the signed-in user's own account with every pet and photo. (Changing the password is
// the auth library's, in auth.ts.)
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { removeAccountFilesJob } from '@/queue/jobs';
import { sendJob } from '@/queue/send';
import { logger } from '@/lib/logger';
import type { SessionUser } from './session';

/**
 * When the second pass over a deleted account's folder runs: after every upload URL handed out
 * before the deletion has expired (UPLOAD_URL_SECONDS, 60 s) and a slow upload on it has landed,
 * and after an export already running has written its file. The storage sweep is the floor.
 */
export const LATE_FILES_PASS_MS = 10 * 60 * 1000;

/**
 * Deletes the signed-in user: the row (pets, sessions, upload reservations, audit events and data
 * exports go with it by cascade), then hands the files to the `remove-account-files` job, so the answer does not
 * wait for thousands of objects. A failure to send it is logged, not thrown: the account is gone,
 * and the storage sweep removes the objects of an account that no longer exists.
 */
export async function deleteOwnAccount(user: SessionUser): Promise<void> {
  await db().delete(users).where(eq(users.id, user.id));
  try {
    // Keyed: a repeated submit adds no second job. The late pass catches what arrived after the first.
    await sendJob(removeAccountFilesJob, { userId: user.id }, { key: `account:${user.id}` });
    await sendJob(
      removeAccountFilesJob,
      { userId: user.id },
      { key: `account:${user.id}:late`, startAfter: new Date(Date.now() + LATE_FILES_PASS_MS) },
    );
  } catch (error) {
    logger().warn({ err: error, userId: user.id }, 'files of a deleted account left to the storage sweep');
  }
}
