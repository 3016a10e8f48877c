// Hands a message to SMTP (SMTP_URL) or to DATA_DIR/outbox as an .eml file with one log line naming it
// (ADR 0012; MAIL_TRANSPORT, ADR 0023). No log line carries a link: a log is kept and shipped like a
// backup. Only the sendMail job calls this: mail is never sent inside a request.
import 'server-only';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import type { MailMessage } from './message';

export type Delivery = { via: 'smtp' | 'outbox'; messageId: string; file?: string };

const globalForMail = globalThis as unknown as { __pawprintSmtp?: { url: string; transport: Transporter } };

function smtpTransport(url: string): Transporter {
  if (globalForMail.__pawprintSmtp?.url !== url) {
    globalForMail.__pawprintSmtp?.transport.close();
    // Short timeouts: a server that is down fails this try at once, and the job retries later.
    const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000 });
    globalForMail.__pawprintSmtp = { url, transport };
  }
  return globalForMail.__pawprintSmtp.transport;
}

export function outboxDir(): string {
  return path.join(env().dataDir, 'outbox');
}

/**
 * Delivers `message` under a Message-ID made from `deliveryId` (the job's id): a retried delivery
 * carries the same id, and in outbox mode rewrites the same file rather than adding one.
 */
export async function deliverMail(message: MailMessage, deliveryId: string): Promise<Delivery> {
  const config = env();
  const messageId = `<${deliveryId}@${new URL(config.appUrl).hostname}>`;
  const mail = {
    from: config.mailFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId,
    // RFC 8058 one-click: a mail provider's "Unsubscribe" POSTs to the link without a user's session.
    ...(message.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: message.unsubscribeUrl, comment: 'Turn off email reminders' } },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }
      : {}),
  };
  if (config.mailTransport === 'smtp' && config.SMTP_URL) {
    await smtpTransport(config.SMTP_URL).sendMail(mail);
    logger().info({ to: message.to, subject: message.subject, messageId }, 'mail sent');
    return { via: 'smtp', messageId };
  }
  const built = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    .sendMail(mail);
  const directory = outboxDir();
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${deliveryId.replace(/[^a-zA-Z0-9-]/g, '_')}.eml`);
  // Whole or not at all: a reader never sees half a message.
  await writeFile(`${file}.tmp`, built.message as Buffer, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  logger().info({ to: message.to, subject: message.subject, file }, 'mail written to the outbox');
  return { via: 'outbox', messageId, file };
}
