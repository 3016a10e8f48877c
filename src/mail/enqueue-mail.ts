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
  // Checked before sealing (sealMail), so a bad message fails here, in the caller.
  return enqueueSealedMail(sealMail(message), options);
}

/** Sends a message sealed earlier (sealMail): a caller that must hand over the same message again after
 * a crash keeps it sealed and sends it under the same `key` (one job per key). */
export function enqueueSealedMail(
  sealed: string,
  options?: Pick<SendOptions, 'queue' | 'key'>,
): Promise<string | null> {
  return sendJob(sendMailJob, { sealed }, options);
}

/** The message checked and sealed, as the send-mail job carries it (a caller may keep it to send again). */
export function sealMail(message: MailMessage): string {
  const { to, subject, text, html, unsubscribeUrl } = mailMessage.parse(message);
  return seal(JSON.stringify({ to, subject, text, html, unsubscribeUrl }));
}
