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

console.error(`e2e-server: fresh data directory ${dataDir}`);

// Mail goes to a real SMTP server, MailDev (plain SMTP, no auth), on the ports playwright.config.ts
// gives; the tests read the delivered messages back through its HTTP API.
const smtpPort = Number(process.env.E2E_SMTP_PORT);
const mailWebPort = Number(process.env.E2E_MAIL_API_PORT);
if (smtpPort && mailWebPort) {
  const { startMailDev } = await import('../tests/support/maildev');
  const mailDev = await startMailDev(smtpPort, mailWebPort);
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.on('exit', () => rmSync(mailDev.mailDirectory, { recursive: true, force: true }));
  console.error(`e2e-server: MailDev SMTP on ${smtpPort}, its API on http://127.0.0.1:${mailWebPort}`);
}
await import('./start');
