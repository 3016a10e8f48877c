// The send-mail job: delivers one composed message (SMTP or the outbox). Its payload is the message
// sealed (mail/seal.ts, ADR 0023): a link's token is never readable in pg-boss's tables. Each message
// first spends from its recipient's mail budget (ADR 0022), once, on its first try: over budget it is
// dropped and recorded. At least once: a crash after the server accepted the message and before the
// job completed sends it again, under the same Message-ID.
import 'server-only';
import { spendMailBudget } from '@/data/mail-budget';
import { logger } from '@/lib/logger';
import { deliverMail } from '@/mail/deliver';
import { mailMessage } from '@/mail/message';
import { unseal } from '@/mail/seal';
import { sendMailJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const sendMailHandler = handleJob(sendMailJob, async ({ sealed }, run) => {
  const message = mailMessage.safeParse(parsedJson(unseal(sealed)));
  if (!message.success) {
    // Sealed under another auth secret (it was rotated) or altered: no retry can open it.
    logger().error({ jobId: run.jobId }, 'a queued message could not be opened: dropped');
    return;
  }
  // A retry is the same message: the budget was spent by its first try.
  if (run.attempt === 1 && !(await spendMailBudget(message.data.to, message.data.subject))) return;
  await deliverMail(message.data, run.jobId);
});

function parsedJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
