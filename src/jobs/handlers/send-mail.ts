// The sendMail job: delivers one composed message (SMTP or the outbox). Its payload is the message
// itself — a link's token exists only when the message is made — so completed jobs are deleted after
// an hour and pg-boss's tables are out of app_user's reach. At least once: a crash after the server
// accepted the message and before the job completed sends it again, under the same Message-ID.
import { z } from 'zod';
import { deliverMail } from '@/mail/deliver';
import { defineJob } from '../define';

const mailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  html: z.string().min(1).max(40_000),
  link: z.url().optional(),
});

export const sendMailJob = defineJob({
  name: 'send-mail',
  scope: 'system',
  schema: mailMessage,
  // About 50 minutes of SMTP outage are bridged before the job is marked failed.
  retryLimit: 10,
  retryDelaySeconds: 10,
  retryDelayMaxSeconds: 600,
  expireInSeconds: 120,
  deleteAfterSeconds: 60 * 60,
  handler: async (message, run) => {
    await deliverMail(message, run.jobId);
  },
});
