// Every job of the app: what workers run and what gets scheduled. A new job is added here.
import type { AnyJob } from './define';
import { expireDataExportsJob } from './handlers/expire-data-exports';
import { exportUserDataJob } from './handlers/export-user-data';
import { processPhotoJob } from './handlers/process-photo';
import { removeAccountFilesJob } from './handlers/remove-account-files';
import { requestPasswordResetJob } from './handlers/request-password-reset';
import { resumeStalledWorkJob } from './handlers/resume-stalled-work';
import { sendMailJob } from './handlers/send-mail';
import { sweepStorageJob } from './handlers/sweep-storage';

export const appJobs: readonly AnyJob[] = [
  sendMailJob,
  sweepStorageJob,
  processPhotoJob,
  removeAccountFilesJob,
  requestPasswordResetJob,
  exportUserDataJob,
  expireDataExportsJob,
  resumeStalledWorkJob,
];
