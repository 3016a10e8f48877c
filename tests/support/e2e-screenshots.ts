// Full-page screenshots of the current page at a phone width (390 px) and a desktop width
// (1280 px), saved as docs/screenshots/<name>-390.png and <name>-1280.png. The page's viewport
// is restored afterwards, so a test can go on where it was.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

export async function saveScreenshots(page: Page, name: string): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`saveScreenshots: "${name}" is not a simple kebab-case name`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const saved: string[] = [];
  try {
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      // Let layout settle at the new width (responsive classes, fonts) before capturing.
      await page.evaluate(
        () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      );
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      saved.push(file);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return saved;
}
