// Every minute: the accounts whose daily digest time has come get one send-reminder-digest job per
// local day, under its idempotency key, added in bulk (ADR 0037). Once per occurrence across instances
// (a scheduled job); a second scan at once would only add the same keys again.
import 'server-only';
import { scanDueDigests } from '@/data/reminders/scan';
import { logger } from '@/lib/logger';
import { scanReminderDigestsJob, sendReminderDigestJob } from '@/queue/jobs';
import { sendJobs } from '@/queue/send';
import { digestKey } from '@/data/reminders/digest';
import { handleJob } from '../define';

export const scanReminderDigestsHandler = handleJob(scanReminderDigestsJob, async () => {
  const report = await scanDueDigests((digests) =>
    sendJobs(
      sendReminderDigestJob,
      digests.map((digest) => ({ payload: digest, key: digestKey(digest) })),
    ),
  );
  if (report.due > 0) logger().info(report, 'reminder digests sent to the queue');
});
