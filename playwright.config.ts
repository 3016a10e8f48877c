// End-to-end suite (tests/e2e): Chromium from the system (/usr/bin/chromium) against the
// production build, served on port 3100 (E2E_PORT to run two checkouts side by side) with a fresh data directory per run
// (scripts/e2e-server.ts), its mail delivered to a MailDev beside it. `npx playwright test` builds the app first when needed.
import { defineConfig, devices } from '@playwright/test';
import { SERVER_MEMORY_ENV } from './scripts/server-memory';
import { CHROMIUM_LAUNCH_OPTIONS } from './tests/support/e2e-chromium';
import { e2eMailPorts } from './tests/support/e2e-mail';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const MAIL_PORTS = e2eMailPorts(PORT);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // A flaky test is to be fixed, never retried.
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  // Generous: the first actions load their server bundles, and CI machines are shared.
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node --import tsx scripts/e2e-server.ts',
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    // `next build` runs first when the build is missing or older than the sources.
    timeout: 240_000,
    // Shows the build's output (and why it failed, e.g. a type error) when a build is needed.
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(PORT),
      HOSTNAME: '127.0.0.1',
      APP_URL: BASE_URL,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      // Every test connects from 127.0.0.1: the per-address limits must not interfere. The
      // per-email login limit keeps its default, which the rate-limit test relies on.
      RATE_LIMIT_REGISTER_PER_ADDRESS: '1000',
      RATE_LIMIT_LOGIN_PER_ADDRESS: '1000',
      RATE_LIMIT_LOGIN_PER_EMAIL: '10',
      RATE_LIMIT_WINDOW_SECONDS: '900',
      RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS: '1000',
      // MailDev, started by scripts/e2e-server.ts; the tests read it (tests/support/e2e-mail.ts).
      E2E_SMTP_PORT: String(MAIL_PORTS.smtp),
      E2E_MAIL_API_PORT: String(MAIL_PORTS.api),
      // Set up front so scripts/start.ts serves in this process instead of re-running it (and MailDev) as a child.
      ...SERVER_MEMORY_ENV,
    },
  },
});
