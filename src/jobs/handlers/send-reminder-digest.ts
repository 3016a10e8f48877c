// One account's digest of one local day (ADR 0037), exactly once: the day is claimed in the account's
// sent-record (digest_sends, under its row-level security) together with the composed message, sealed,
// then handed to the send-mail job under the day's key (data/reminders/digest.ts). SMTP outages are the
// send-mail job's retries; the mail budget is spent there, once.
import 'server-only';
import { sendDailyDigest } from '@/data/reminders/digest';
import { logger } from '@/lib/logger';
import { sendReminderDigestJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const sendReminderDigestHandler = handleJob(sendReminderDigestJob, async ({ localDate }, run) => {
  const outcome = await sendDailyDigest(run, localDate);
  logger().info({ jobId: run.jobId, localDate, outcome }, 'reminder digest');
});
