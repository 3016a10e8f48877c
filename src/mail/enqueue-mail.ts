// The one way to send mail: compose it (message.ts), then enqueue it; the sendMail job delivers it
// with retries, so the request that caused it answers at once even when SMTP is down.
import { enqueue, type EnqueueOptions } from '@/jobs/enqueue';
import { sendMailJob } from '@/jobs/handlers/send-mail';
import type { MailMessage } from './message';

export function enqueueMail(
  message: MailMessage,
  options?: Pick<EnqueueOptions, 'queue' | 'key'>,
): Promise<string | null> {
  return enqueue(sendMailJob, message, options);
}
