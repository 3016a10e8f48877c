// Mail through the sendMail job: into a real SMTP server the test starts (MailDev), through SMTP that
// is down when the message is due (the enqueue answers at once, the job retries, the message arrives
// once the server is back), and into DATA_DIR/outbox as an .eml file with a log line when SMTP_URL is unset.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { sendMailHandler } from '@/jobs/handlers/send-mail';
import { createJobQueue, type JobQueue } from '@/queue/client';
import { sendMailJob } from '@/queue/jobs';
import { startWorkers } from '@/jobs/workers';
import { env, resetEnvForTests } from '@/lib/env';
import { enqueueMail } from '@/mail/enqueue-mail';
import { composeMail } from '@/mail/message';
import { captureLogs } from '../support/capture-logs';
import { freePort, startMailDev, type SmtpServer } from '../support/maildev';
import { uniqueEmail } from '../support/accounts';

let boss: JobQueue;
const servers: SmtpServer[] = [];

function useSmtp(url: string | undefined): void {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
}

const resetMessage = (to: string, subject: string) =>
  composeMail({
    to,
    subject,
    paragraphs: ['Someone asked to reset the password of your account. If it was not you, ignore this message.'],
    action: { label: 'Choose a new password', path: '/reset-password?token=abc123' },
  });

beforeAll(async () => {
  boss = createJobQueue();
  await boss.start();
  // The real job with quick retries, so the outage below lasts seconds, not minutes.
  await startWorkers({
    queue: boss,
    jobs: [{ ...sendMailHandler, retryDelaySeconds: 1, retryDelayMaxSeconds: 2 }],
    pollingIntervalSeconds: 0.5,
  });
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  for (const server of servers) await server.stop();
  useSmtp(undefined);
});

describe('mail', () => {
  it('is delivered over SMTP (plain, no auth) as text and simple HTML, with the app name and APP_URL links', async () => {
    const smtp = await startMailDev(await freePort());
    servers.push(smtp);
    useSmtp(`smtp://127.0.0.1:${smtp.smtpPort}`);
    const to = uniqueEmail('smtp');
    await enqueueMail(resetMessage(to, 'Reset your Pawprint password'), { queue: boss });

    await vi.waitFor(async () => expect((await smtp.messages()).some((m) => m.to[0]?.address === to)).toBe(true), {
      timeout: 10_000,
      interval: 200,
    });
    const mail = (await smtp.messages()).find((m) => m.to[0]?.address === to)!;
    const link = 'http://localhost:3000/reset-password?token=abc123';
    expect(mail.subject).toBe('Reset your Pawprint password');
    expect(mail.from[0]).toEqual({ address: 'no-reply@localhost', name: 'Pawprint' });
    expect(mail.text).toContain(`Choose a new password: ${link}`);
    expect(mail.text).toContain('Pawprint, http://localhost:3000');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain(`<a href="${link}">Choose a new password</a>`);
  });

  it('SMTP down when a message is due: the enqueue answers at once, the job retries, the message arrives once it is back', async () => {
    const logs = captureLogs();
    try {
      const port = await freePort();
      useSmtp(`smtp://127.0.0.1:${port}`);
      const to = uniqueEmail('outage');
      const started = performance.now();
      const id = await enqueueMail(resetMessage(to, 'Reset your password (after an outage)'), { queue: boss });
      expect(performance.now() - started).toBeLessThan(1_000);

      await vi.waitFor(
        async () => expect((await boss.getJobById(sendMailHandler.name, id!))?.retryCount).toBeGreaterThan(0),
        {
          timeout: 10_000,
          interval: 100,
        },
      );
      expect(logs.lines.find((line) => line.jobId === id)).toMatchObject({
        msg: 'job send-mail failed; will retry',
        err: expect.objectContaining({ message: expect.stringMatching(/ECONNREFUSED/) }),
      });

      const smtp = await startMailDev(port);
      servers.push(smtp);
      await vi.waitFor(
        async () => expect((await boss.getJobById(sendMailHandler.name, id!))?.state).toBe('completed'),
        {
          timeout: 15_000,
          interval: 200,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const received = (await smtp.messages()).filter((m) => m.to[0]?.address === to);
      expect(received).toHaveLength(1);
      expect(received[0]!.subject).toBe('Reset your password (after an outage)');
    } finally {
      logs.restore();
    }
  });

  it('without SMTP_URL, writes the message to DATA_DIR/outbox as an .eml file and logs its subject, recipient and file, never its link', async () => {
    useSmtp(undefined);
    const logs = captureLogs();
    try {
      const to = uniqueEmail('outbox');
      const id = await enqueueMail(resetMessage(to, 'Reset your password (outbox)'), { queue: boss });
      const outbox = path.join(env().dataDir, 'outbox');
      const file = path.join(outbox, `${id}.eml`);
      await vi.waitFor(() => expect(readdirSync(outbox, { withFileTypes: false })).toContain(`${id}.eml`), {
        timeout: 10_000,
        interval: 100,
      });
      const eml = readFileSync(file, 'utf8');
      expect(eml).toMatch(/^Subject: Reset your password \(outbox\)$/m);
      expect(eml).toMatch(new RegExp(`^To: ${to.replace('.', '\\.')}$`, 'm'));
      expect(eml).toMatch(/^Content-Type: multipart\/alternative/m);
      // The body is quoted-printable: undo its soft line breaks and '=' escapes to read the link.
      const body = eml.replace(/=\n/g, '').replace(/=3D/g, '=');
      expect(body).toContain('Choose a new password: http://localhost:3000/reset-password?token=abc123');
      await vi.waitFor(() =>
        expect(logs.lines.find((line) => line.msg === 'mail written to the outbox' && line.to === to)).toMatchObject({
          subject: 'Reset your password (outbox)',
          file,
        }),
      );
      expect(logs.lines.filter((line) => JSON.stringify(line).includes('token=abc123'))).toEqual([]);
    } finally {
      logs.restore();
    }
  });

  it('one address receives at most its budget (unverified: 6 an hour), whatever the case; the rest completes undelivered', async () => {
    const smtp = await startMailDev(await freePort());
    servers.push(smtp);
    useSmtp(`smtp://127.0.0.1:${smtp.smtpPort}`);
    const to = uniqueEmail('budget');
    const ids: string[] = [];
    for (let index = 0; index < 9; index++) {
      const recipient = index % 2 ? to.toUpperCase() : to;
      ids.push((await enqueueMail(resetMessage(recipient, `Message ${index}`), { queue: boss }))!);
    }
    await vi.waitFor(
      async () => {
        const { rows } = (await db().execute(
          sql`select state::text from pgboss.job where name = ${sendMailJob.name} and id::text = any(string_to_array(${ids.join(',')}, ','))`,
        )) as unknown as { rows: { state: string }[] };
        expect(rows.map((row) => row.state)).toEqual(Array(9).fill('completed'));
      },
      { timeout: 20_000, interval: 200 },
    );
    const received = (await smtp.messages()).filter((m) => m.to[0]?.address.toLowerCase() === to);
    expect(received).toHaveLength(6);
  });
});
