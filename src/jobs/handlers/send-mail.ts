// The send-mail job: delivers one composed message (SMTP or the outbox). Its payload is the message
// itself — a link's token exists only when the message is made — so completed jobs are deleted after
// an hour and pg-boss's tables are out of app_user's reach. At least once: a crash after the server
// accepted the message and before the job completed sends it again, under the same Message-ID.
import 'server-only';
import { deliverMail } from '@/mail/deliver';
import { sendMailJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const sendMailHandler = handleJob(sendMailJob, async (message, run) => {
  await deliverMail(message, run.jobId);
});
