// The server of the end-to-end suite (playwright.config.ts `webServer`): the production build
// served by scripts/start.ts (which builds first when the build is missing or stale), on a
// data directory created for this run only and removed when the server stops.
//
// Run as one process (`node --import tsx scripts/e2e-server.ts`) so that Playwright's SIGTERM
// reaches the server itself: server.ts shuts down gracefully and calls process.exit, and the
// 'exit' handler below deletes the data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { e2eMailPorts } from '../tests/support/e2e-mail-ports';

const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-e2e-'));
process.env.DATA_DIR = dataDir;
// The end-to-end suite tries the app as a newcomer gets it: the embedded default (PGlite and
// local disk), whatever DATABASE_URL or storage settings the calling shell has (CI sets one).
for (const name of ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'STORAGE_DRIVER']) delete process.env[name];

let removed = false;
function removeDataDir(): void {
  if (removed) return;
  removed = true;
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`e2e-server: could not remove ${dataDir}:`, error);
  }
}
process.on('exit', removeDataDir);

// Mail goes through a real SMTP server, as in production: MailDev on the two ports after the app's
// (tests/support/e2e-mail.ts reads the messages back through its HTTP API). It ends with this process.
// start.ts may run this script again as its child (MALLOC_ARENA_MAX): the child inherits SMTP_URL.
if (!process.env.SMTP_URL) {
  const { MailDev } = await import('maildev');
  const { smtpPort, webPort } = e2eMailPorts(Number(process.env.PORT ?? 3100));
  const maildev = new MailDev({
    smtp: smtpPort,
    ip: '127.0.0.1',
    web: webPort,
    webIp: '127.0.0.1',
    mailDirectory: path.join(dataDir, 'maildev'),
    silent: true,
  });
  await maildev.start();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
}

console.error(`e2e-server: fresh data directory ${dataDir}, mail through MailDev at ${process.env.SMTP_URL}`);
await import('./start');
