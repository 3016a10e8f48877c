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

export type SmtpServer = { smtpPort: number; messages: () => Promise<ReceivedMail[]>; stop: () => Promise<void> };

export async function startMailDev(smtpPort: number): Promise<SmtpServer> {
  const webPort = await freePort([1025, 1035], [smtpPort]);
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
    messages: async () => (await (await fetch(`http://127.0.0.1:${webPort}/api/email`)).json()) as ReceivedMail[],
    stop: async () => {
      await server.stop();
      rmSync(mailDirectory, { recursive: true, force: true });
    },
  };
}
