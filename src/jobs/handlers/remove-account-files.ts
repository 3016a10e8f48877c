// The remove-account-files job: after an account is deleted (its rows went by cascade in the
// request), every object under its storage folder goes — photos, uploads still pending, exports —
// so deleting an account answers at once however many photos it had. A system job: the account no
// longer exists, so there is no user to run as (the DAL refuses an account that still exists).
// Idempotent: a retry lists only what is left.
import { z } from 'zod';
import { removeAccountFiles } from '@/data/account-files';
import { logger } from '@/lib/logger';
import { defineJob } from '../define';

export const removeAccountFilesJob = defineJob({
  name: 'remove-account-files',
  scope: 'system',
  schema: z.object({ userId: z.uuid() }),
  // The default retries (4, from 5 s doubling) bridge a storage blip; the storage sweep removes
  // whatever a job that failed for good left (objects of an account that no longer exists).
  expireInSeconds: 30 * 60,
  // One at a time per process: deleting thousands of objects is bulk work, not urgent.
  concurrency: 1,
  handler: async ({ userId }, run) => {
    const { deleted } = await removeAccountFiles(userId);
    logger().info({ userId, deleted, jobId: run.jobId }, 'files of a deleted account removed');
  },
});
