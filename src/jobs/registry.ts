// Every job the workers run, each a definition (src/queue/jobs.ts) with its handler. A new job is added here.
import 'server-only';
import type { AnyJob } from './define';
import { expireDataExportsHandler } from './handlers/expire-data-exports';
import { exportUserDataHandler } from './handlers/export-user-data';
import { processPhotoHandler } from './handlers/process-photo';
import { removeAccountFilesHandler } from './handlers/remove-account-files';
import { requestPasswordResetHandler } from './handlers/request-password-reset';
import { resumeStalledWorkHandler } from './handlers/resume-stalled-work';
import { scanReminderDigestsHandler } from './handlers/scan-reminder-digests';
import { sendReminderDigestHandler } from './handlers/send-reminder-digest';
import { sendMailHandler } from './handlers/send-mail';
import { sweepStorageHandler } from './handlers/sweep-storage';

export const appJobs: readonly AnyJob[] = [
  sendMailHandler,
  sweepStorageHandler,
  processPhotoHandler,
  removeAccountFilesHandler,
  requestPasswordResetHandler,
  exportUserDataHandler,
  expireDataExportsHandler,
  resumeStalledWorkHandler,
  scanReminderDigestsHandler,
  sendReminderDigestHandler,
];
