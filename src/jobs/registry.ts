// Every job of the app: what workers run and what gets scheduled. A new job is added here.
import type { AnyJob } from './define';
import { processPhotoJob } from './handlers/process-photo';
import { sendMailJob } from './handlers/send-mail';
import { sweepStorageJob } from './handlers/sweep-storage';

export const appJobs: readonly AnyJob[] = [sendMailJob, sweepStorageJob, processPhotoJob];
