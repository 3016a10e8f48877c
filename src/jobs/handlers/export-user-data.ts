// The export-user-data job (ADR 0015): builds the user's ZIP (pets.json and every pet's display image)
// into their storage folder, marks the export ready, and mails a link to its page — never a bearer URL.
// Idempotent: a retried run rewrites the same key, and the mail is sent under the export's key, so
// the owner hears once. After the last try the export shows as failed on /account.
import 'server-only';
import { buildDataExport, markDataExportFailed } from '@/data/exports';
import { formatBytes } from '@/lib/rate-limit';
import { composeMail } from '@/mail/message';
import { enqueueMail } from '@/mail/enqueue-mail';
import { EXPORT_RETRY_LIMIT, exportUserDataJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const exportUserDataHandler = handleJob(exportUserDataJob, async ({ exportId }, run) => {
  let result;
  try {
    result = await buildDataExport(run, exportId);
  } catch (error) {
    if (run.attempt > EXPORT_RETRY_LIMIT) await markDataExportFailed(run.userId, exportId);
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
});
