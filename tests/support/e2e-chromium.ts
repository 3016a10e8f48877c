// How Chromium is started for the end-to-end suite (playwright.config.ts) and the README
// screenshots (scripts/screenshots.ts): Debian's own at /usr/bin/chromium, never a downloaded one,
// with the flags a container without a sandbox or GPU needs and none of its background traffic.
import type { LaunchOptions } from '@playwright/test';

export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
