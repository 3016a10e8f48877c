// The one way to send mail: compose it (message.ts), then send the send-mail job; its handler delivers
// it with retries, so the request that caused it answers at once even when SMTP is down.
import 'server-only';
import { sendMailJob } from '@/queue/jobs';
import { sendJob, type SendOptions } from '@/queue/send';
import type { MailMessage } from './message';

export function enqueueMail(
  message: MailMessage,
  options?: Pick<SendOptions, 'queue' | 'key'>,
): Promise<string | null> {
  return sendJob(sendMailJob, message, options);
}
