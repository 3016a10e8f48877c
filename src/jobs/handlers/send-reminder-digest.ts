// One account's digest of one local day (ADR 0037), exactly once: the day is claimed in the account's
// sent-record (digest_sends, under its row-level security) together with the composed message, sealed;
// the message is then handed to the send-mail job under the day's key, so a retry after a crash hands
// over the same message under the same key (one mail job, one Message-ID) and a later run finds the day
// done. SMTP outages are the send-mail job's retries; the mail budget is spent there, once.
import 'server-only';
import { claimDigest, digestKey, markDigestHandedOver } from '@/data/reminders/digest';
import { enqueueSealedMail } from '@/mail/enqueue-mail';
import { sendReminderDigestJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const sendReminderDigestHandler = handleJob(sendReminderDigestJob, async (digest, run) => {
  const sealed = await claimDigest(run, digest.localDate);
  if (!sealed) return;
  await enqueueSealedMail(sealed, { key: digestKey(digest) });
  await markDigestHandedOver(run, digest.localDate);
});
