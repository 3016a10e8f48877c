// The remove-account-files job: after an account is deleted (its rows went by cascade in the
// request), every object under its storage folder goes — photos, uploads still pending, exports —
// so deleting an account answers at once however many photos it had. A system job: the account no
// longer exists, so there is no user to run as (the DAL refuses an account that still exists).
// Idempotent: a retry lists only what is left.
import 'server-only';
import { removeAccountFiles } from '@/data/account-files';
import { logger } from '@/lib/logger';
import { removeAccountFilesJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const removeAccountFilesHandler = handleJob(removeAccountFilesJob, async ({ userId }, run) => {
  const { deleted } = await removeAccountFiles(userId);
  logger().info({ userId, deleted, jobId: run.jobId }, 'files of a deleted account removed');
});
