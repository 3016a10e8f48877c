// The one way to send mail: compose it (message.ts), then send the send-mail job with the message
// sealed (seal.ts); its handler spends the recipient's mail budget and delivers it with retries, so
// the request that caused it answers at once even when SMTP is down.
import 'server-only';
import { sendMailJob } from '@/queue/jobs';
import { sendJob, type SendOptions } from '@/queue/send';
import { mailMessage, type MailMessage } from './message';
import { seal } from './seal';

export function enqueueMail(
  message: MailMessage,
  options?: Pick<SendOptions, 'queue' | 'key'>,
): Promise<string | null> {
  // Checked before sealing, so a bad message fails here, in the caller.
  const { to, subject, text, html } = mailMessage.parse(message);
  return sendJob(sendMailJob, { sealed: seal(JSON.stringify({ to, subject, text, html })) }, options);
}
