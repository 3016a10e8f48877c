// The export-user-data job (ADR 0015): builds the user's ZIP (pets.json and every pet's display image)
// into their storage folder, marks the export ready, and mails a link to its page — never a bearer URL.
// Idempotent: a retried run rewrites the same key, and the mail is enqueued under the export's key, so
// the owner hears once. After the last try the export shows as failed on /account.
import { z } from 'zod';
import { buildDataExport, markDataExportFailed } from '@/data/exports';
import { composeMail } from '@/mail/message';
import { enqueueMail } from '@/mail/enqueue-mail';
import { formatBytes } from '@/lib/rate-limit';
import { defineJob, type UserJobRun } from '../define';
import { enqueue } from '../enqueue';

const RETRY_LIMIT = 4;

export const exportUserDataJob = defineJob({
  name: 'export-user-data',
  scope: 'user',
  schema: z.object({ userId: z.uuid(), exportId: z.uuid() }),
  retryLimit: RETRY_LIMIT,
  retryDelaySeconds: 10,
  // 1,000 pets with photos take well under a minute; a stuck run is retried.
  expireInSeconds: 15 * 60,
  // Exports read every photo of an account: one at a time per process leaves room for everything else.
  concurrency: 1,
  handler: async ({ exportId }, run: UserJobRun) => {
    let result;
    try {
      result = await buildDataExport(run, exportId);
    } catch (error) {
      if (run.attempt > RETRY_LIMIT) await markDataExportFailed(run.userId, exportId);
      throw error;
    }
    if (result.outcome !== 'ready') return;
    const pets = `${result.petCount} pet${result.petCount === 1 ? '' : 's'}`;
    await enqueueMail(
      composeMail({
        to: result.email,
        subject: 'Your Pawprint data export is ready',
        paragraphs: [
          `The export you asked for is ready: ${pets} with their photos, in one ZIP file (${formatBytes(result.byteSize)}).`,
          'Open the link below and sign in if asked; the download starts from that page. It is kept for 7 days.',
        ],
        action: { label: 'Download your export', path: `/account/exports/${exportId}` },
      }),
      { key: `export-ready:${exportId}` },
    );
  },
});

/** Sends the export's job, once per export (a repeat, e.g. by resume-stalled-work, adds nothing):
 * the job id or null when it was sent before. After the export's row has committed. */
export function sendDataExportJob(userId: string, exportId: string): Promise<string | null> {
  return enqueue(exportUserDataJob, { userId, exportId }, { key: `export:${exportId}` });
}
