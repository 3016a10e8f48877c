// A real SMTP server for the mail tests: MailDev on 127.0.0.1 (SMTP without auth or TLS, like a
// local relay), its messages read back through its HTTP API.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MailDev } from 'maildev';

export type ReceivedMail = {
  id: string;
  subject: string;
  text: string;
  html: string;
  from: Array<{ address: string; name: string }>;
  to: Array<{ address: string; name: string }>;
  headers: Record<string, string>;
};

/** The first port of `range` nothing listens on (the tests' own range: 1025–1035). */
export async function freePort(range: [number, number] = [1025, 1035], taken: number[] = []): Promise<number> {
  for (let port = range[0]; port <= range[1]; port++) {
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${range.join('–')}`);
}

export type SmtpServer = {
  smtpPort: number;
  /** Where its HTTP API answers (GET /api/email lists the messages). */
  webPort: number;
  /** Where it keeps the messages (removed by stop()). */
  mailDirectory: string;
  messages: () => Promise<ReceivedMail[]>;
  stop: () => Promise<void>;
};

/** The messages a MailDev's HTTP API on `webPort` holds. */
export async function mailDevMessages(webPort: number): Promise<ReceivedMail[]> {
  return (await (await fetch(`http://127.0.0.1:${webPort}/api/email`)).json()) as ReceivedMail[];
}

/** The messages to `to` whose subject matches, oldest first. */
export function messagesTo(messages: ReceivedMail[], to: string, subject: RegExp = /./): ReceivedMail[] {
  return messages.filter((mail) => mail.to.some((recipient) => recipient.address === to) && subject.test(mail.subject));
}

/** The app link (absolute, on APP_URL) starting with `pathname` that a message's plain text carries. */
export function linkIn(mail: ReceivedMail, pathname: string): string {
  const match = new RegExp(`https?://[^\\s/]+${pathname}\\S*`).exec(mail.text);
  if (!match) throw new Error(`no ${pathname} link in the message: ${mail.text}`);
  return match[0];
}

/** A MailDev on `smtpPort`, its HTTP API on `webPort` (default: a free port of the tests' range). */
export async function startMailDev(smtpPort: number, webPort?: number): Promise<SmtpServer> {
  webPort ??= await freePort([1025, 1035], [smtpPort]);
  const mailDirectory = mkdtempSync(path.join(tmpdir(), 'pet-maildev-'));
  const server = new MailDev({
    smtp: smtpPort,
    ip: '127.0.0.1',
    web: webPort,
    webIp: '127.0.0.1',
    mailDirectory,
    silent: true,
  });
  await server.start();
  return {
    smtpPort,
    webPort,
    mailDirectory,
    messages: () => mailDevMessages(webPort),
    stop: async () => {
      await server.stop();
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
