// The one way to send mail: compose it (message.ts), then enqueue it sealed (seal.ts); the sendMail
// job spends the recipient's mail budget and delivers it with retries, so the request that caused it
// answers at once even when SMTP is down.
import { enqueue, type EnqueueOptions } from '@/jobs/enqueue';
import { mailMessage, sendMailJob } from '@/jobs/handlers/send-mail';
import type { MailMessage } from './message';
import { seal } from './seal';

export function enqueueMail(
  message: MailMessage,
  options?: Pick<EnqueueOptions, 'queue' | 'key'>,
): Promise<string | null> {
  // Checked before sealing, so a bad message fails here, in the caller.
  const { to, subject, text, html } = mailMessage.parse(message);
  return enqueue(sendMailJob, { sealed: seal(JSON.stringify({ to, subject, text, html })) }, options);
}
