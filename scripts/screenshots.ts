// `npx tsx scripts/screenshots.ts`: the README's "What it looks like" pictures, taken by hand (not
// part of `npm test`). The production build (built first when missing or stale, scripts/start.ts)
// runs on a fresh PGlite data directory seeded with the demo account (`npm run db:seed`); Debian's
// Chromium signs in as demo and saves each page of PAGES, full height at 1280 px wide, into
// docs/screenshots/<file>-1280.png, re-encoded as palette PNGs so the repository stays small.
// Nothing is left behind: the server is stopped and its data directory removed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/e2e-chromium';
import { childEnv, freePort, startServer, type RunningServer } from '../tests/support/server';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_TIME_ZONE } from './seed/demo-details';

/** What to photograph: a path, or a demo pet's own page (found by its name on /pets). */
type Shot = { file: string; path: string } | { file: string; pet: string };

const PAGES: Shot[] = [
  { file: 'demo-pets', path: '/pets' },
  { file: 'demo-upcoming', path: '/upcoming' },
  // Charlie: an older dog, so his page has the most to show (arthritis medicine, a rising weight).
  { file: 'demo-pet-health', pet: 'Charlie' },
  { file: 'demo-account', path: '/account' },
];

const VIEWPORT = { width: 1280, height: 900 };
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');

const workDir = mkdtempSync(path.join(tmpdir(), 'pawprint-screenshots-'));
const dataDir = path.join(workDir, 'data');
const env = { DATA_DIR: dataDir };

console.log('Seeding the demo account on a fresh PGlite data directory…');
const seeded = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--conditions=react-server', 'scripts/db-seed.ts', `--time-zone=${DEMO_TIME_ZONE}`],
  { cwd: ROOT, stdio: 'inherit', env: childEnv(env) as NodeJS.ProcessEnv },
);
if (seeded.status !== 0) {
  rmSync(workDir, { recursive: true, force: true });
  throw new Error(`the seed failed (exit ${seeded.status})`);
}

const port = await freePort();
console.log(`Starting the production build on port ${port} (building first if needed)…`);
let server: RunningServer | undefined;
let browser: Browser | undefined;
try {
  server = await startServer({
    cwd: ROOT,
    port,
    logFile: path.join(workDir, 'server.log'),
    readyTimeoutMs: 900_000,
    env: {
      ...env,
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
      APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: 'warn',
      STORAGE_DRIVER: 'local',
    },
  });
  browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const context = await browser.newContext({
    baseURL: server.origin,
    viewport: VIEWPORT,
    locale: 'en-GB',
    timezoneId: DEMO_TIME_ZONE,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await signIn(page);
  mkdirSync(OUT_DIR, { recursive: true });
  for (const shot of PAGES) {
    await page.goto('path' in shot ? shot.path : await petPath(page, shot.pet));
    const file = path.join(OUT_DIR, `${shot.file}-${VIEWPORT.width}.png`);
    writeFileSync(file, await capture(page));
    console.log(`Saved ${path.relative(ROOT, file)}`);
  }
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/pets');
}

/** The path of the demo pet called `name`, from its card on the list searched for it. */
async function petPath(page: Page, name: string): Promise<string> {
  await page.goto(`/pets?q=${encodeURIComponent(name)}`);
  const hrefs = await page.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  const href = hrefs.find((candidate) => candidate && /^\/pets\/[0-9a-f-]{36}$/.test(candidate));
  if (!href) throw new Error(`no pet called ${name} on /pets`);
  return href;
}

/** The whole page once it has settled (fonts, images), as a small palette PNG. */
async function capture(page: Page): Promise<Buffer> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  return sharp(png).png({ palette: true, quality: 90, compressionLevel: 9, effort: 10 }).toBuffer();
}
