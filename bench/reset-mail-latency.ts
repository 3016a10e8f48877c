// Password reset mail latency: the time from posting "Send reset link" (the forgot-password form's
// action, over HTTP) to the message being in a real SMTP server (MailDev), against the production
// build with its in-process workers, on the embedded default (PGlite) and on PostgreSQL. The path
// measured: the request enqueues request-password-reset → the job makes the token and enqueues
// send-mail → the mail job delivers it over SMTP. Builds first when the build is missing or stale.
//   npx tsx bench/reset-mail-latency.ts                      PGlite, then PostgreSQL at the admin URL
//   npx tsx bench/reset-mail-latency.ts --samples 10 --only pglite|postgres
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registerOverHttp } from '../tests/support/accounts';
import { actionIdsOf, appActionIds } from '../tests/support/action-ids';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { HttpClient } from '../tests/support/http';
import { startMailDev } from '../tests/support/maildev';
import { freePort, startServer } from '../tests/support/server';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const samples = Number(argument('--samples') ?? 10);
const only = argument('--only');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function measure(backend: 'pglite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-reset-latency-'));
  const database: TestDatabase | undefined =
    backend === 'postgres' ? await createTestDatabase('reset_latency') : undefined;
  const port = await freePort();
  const smtp = await startMailDev(await freePort(), await freePort());
  const server = await startServer({
    cwd: process.cwd(),
    port,
    logFile: path.join(dataDir, 'server.log'),
    readyTimeoutMs: 900_000,
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      APP_URL: `http://localhost:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.smtpPort}`,
      // One account asks again and again: the per-email and per-address limits and its mail budget are not what is measured.
      RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: '1000',
      RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS: '1000',
      MAIL_BUDGET_UNVERIFIED_PER_HOUR: '1000',
      MAIL_BUDGET_UNVERIFIED_PER_DAY: '1000',
      ...(database ? { DATABASE_URL: database.url, BETTER_AUTH_SECRET: randomBytes(32).toString('base64url') } : {}),
    },
  });
  try {
    const client = new HttpClient(port);
    const ids = appActionIds();
    const { requestPasswordReset } = actionIdsOf(['requestPasswordReset']);
    const { email } = await registerOverHttp(client, ids, 'latency');
    const resetMails = async () =>
      (await smtp.messages()).filter(
        (mail) => mail.to[0]?.address === email && mail.subject === 'Reset your Pawprint password',
      ).length;

    const latencies: number[] = [];
    // Two warm-up rounds (first action bundle load, first queue fetch), not counted.
    for (let round = 0; round < samples + 2; round++) {
      const before = await resetMails();
      const form = new FormData();
      form.append('email', email);
      const started = performance.now();
      const { outcome } = await client.action(requestPasswordReset, [null, form], { path: '/forgot-password' });
      if (outcome.kind !== 'returned') throw new Error(`requestPasswordReset: ${JSON.stringify(outcome)}`);
      while ((await resetMails()) === before) {
        if (performance.now() - started > 60_000) throw new Error('no reset message within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (round >= 2) latencies.push(performance.now() - started);
    }
    const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
    console.log(
      `${backend}: "Send reset link" → message in SMTP, ${latencies.length} samples: median ${seconds(percentile(latencies, 50))}, ` +
        `min ${seconds(Math.min(...latencies))}, max ${seconds(Math.max(...latencies))}`,
    );
  } finally {
    await server.stop();
    await smtp.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const backend of ['pglite', 'postgres'] as const) if (!only || only === backend) await measure(backend);
