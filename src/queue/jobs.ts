// Every job of the app, as its senders know it: name, payload schema and policy. What each one does
// is in its handler (src/jobs/handlers/<name>.ts), which the workers run (src/jobs/registry.ts).
import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import { defineJob, type JobPolicy } from './define';

/** Delivers one composed message (SMTP or the outbox); the payload is the message sealed (ADR 0023). */
export const sendMailJob = defineJob({
  name: 'send-mail',
  scope: 'system',
  schema: z.object({
    sealed: z
      .string()
      .min(1)
      .max(64 * 1024),
  }),
  // About 50 minutes of SMTP outage are bridged before the job is marked failed.
  retryLimit: 10,
  retryDelaySeconds: 10,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 120,
  deleteAfterSeconds: 60 * 60,
});

/** Turns a pet's uploaded original into its display image and thumbnail (ADR 0016). */
export const processPhotoJob = defineJob({
  name: 'process-photo',
  scope: 'user',
  schema: z.object({ userId: z.uuid(), petId: z.uuid(), originalKey: z.string().min(1).max(512) }),
  concurrency: 2,
  oneAtATimePerUser: true,
  // Storage down is worth a few tries (about 5 minutes in all); a photo that cannot be decoded is
  // not a failure of the job: the pet is marked failed and the job completes.
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 120,
  expireInSeconds: 5 * 60,
  deleteAfterSeconds: 24 * 60 * 60,
});

/** Retries of the export job; after the last one the export shows as failed. */
export const EXPORT_RETRY_LIMIT = 4;

/** Builds a user's data export (ADR 0015). */
export const exportUserDataJob = defineJob({
  name: 'export-user-data',
  scope: 'user',
  schema: z.object({ userId: z.uuid(), exportId: z.uuid() }),
  retryLimit: EXPORT_RETRY_LIMIT,
  retryDelaySeconds: 10,
  // 1,000 pets with photos take well under a minute; a stuck run is retried.
  expireInSeconds: 15 * 60,
  // Exports read every photo of an account: one at a time per process leaves room for everything else.
  concurrency: 1,
});

/** Deletes the objects of exports past their expiry, hourly (ADR 0015). */
export const expireDataExportsJob = scheduledJob('expire-data-exports', '7 * * * *', {
  // The next hour's run is the retry that matters.
  retryLimit: 1,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
});

/** Removes every object of a deleted account (ADR 0017); given only the id of an account that is gone. */
export const removeAccountFilesJob = defineJob({
  name: 'remove-account-files',
  scope: 'system',
  schema: z.object({ userId: z.uuid() }),
  // The default retries (4, from 5 s doubling) bridge a storage blip; the storage sweep removes
  // whatever a job that failed for good left (objects of an account that no longer exists).
  expireInSeconds: 30 * 60,
  // One at a time per process: deleting thousands of objects is bulk work, not urgent.
  concurrency: 1,
});

/** Makes and mails a password reset link when the address has an account (ADR 0014). */
export const requestPasswordResetJob = defineJob({
  name: 'request-password-reset',
  scope: 'system',
  schema: z.object({
    email: z.email(),
    /** Where the request came from, for the owner's "Recent activity". */
    address: z.string().max(100),
    requestId: z.string().max(100).optional(),
  }),
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 120,
  expireInSeconds: 60,
  // The payload names an email address: it is not kept longer than needed.
  deleteAfterSeconds: 60 * 60,
});

/** Sends again the jobs of work whose send was lost, every 5 minutes (ADR 0020). */
export const resumeStalledWorkJob = scheduledJob('resume-stalled-work', '*/5 * * * *', {
  // The next run, 5 minutes on, is the retry that matters.
  retryLimit: 0,
  expireInSeconds: 5 * 60,
  deleteAfterSeconds: 24 * 60 * 60,
});

/** Removes uploads and objects no pet points at (SWEEP_SCHEDULE, every 15 minutes by default). */
export const sweepStorageJob = scheduledJob('sweep-storage', () => env().SWEEP_SCHEDULE, {
  // The next run is the retry that matters; one quick retry covers a blip.
  retryLimit: 1,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
});

/** Finds the accounts whose daily digest is due and sends one send-reminder-digest each (ADR 0037). */
export const scanReminderDigestsJob = scheduledJob('scan-reminder-digests', '* * * * *', {
  // The next minute's run is the retry that matters: whatever this one left is still due then.
  retryLimit: 0,
  expireInSeconds: 5 * 60,
  deleteAfterSeconds: 60 * 60,
});

/** One account's digest of one local day (ADR 0037): sent once per day under `digest:<userId>:<localDate>`. */
export const sendReminderDigestJob = defineJob({
  name: 'send-reminder-digest',
  scope: 'user',
  schema: z.object({ userId: z.uuid(), localDate: z.iso.date() }),
  // A database blip is worth a few tries (about 5 minutes); SMTP outages are the send-mail job's.
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 120,
  expireInSeconds: 2 * 60,
  // Kept past the day it is for, so the scan's key finds it (the sent-record decides in any case).
  deleteAfterSeconds: 2 * 24 * 60 * 60,
});

/** A system job with no payload, run on a schedule (once per occurrence across instances), one at a time. */
function scheduledJob(name: string, schedule: JobPolicy['schedule'], policy: Omit<JobPolicy, 'name' | 'schedule'>) {
  return defineJob({ name, scope: 'system', schema: z.object({}), schedule, concurrency: 1, ...policy });
}
