// The end-to-end suite's `test`: every test also fails on a page error or a console error (a CSP
// violation, a hydration mismatch, a failed chunk…) in its page, in any other tab of its context
// and in any page it hands to watch() — except the lines the test itself says to expect.
import { expect, test as base, type Page } from '@playwright/test';

export type BrowserErrors = {
  /** Watches another page (another browser context) for errors too. */
  watch: (page: Page) => void;
  /** The browser logs every 404 document as an error: one at a path matching `pattern` is expected (a "not found" page). */
  allowNotFound: (pattern: RegExp) => void;
  /** "Failed to load resource" for a request at a path matching `pattern` is expected (a request the test makes fail). */
  allowResourceError: (pattern: RegExp) => void;
  /**
   * With tracing on (trace: 'retain-on-failure'), Playwright's DOM snapshot taken while the
   * preview of an undecodable file is shown fetches its blob: URL from inside the page; the app's
   * CSP (connect-src 'self') rightly blocks that, and Chromium logs it without a source location.
   * The app itself never fetches blob: URLs (it is the same with --trace off: no error). Only that
   * exact line is tolerated, only in the test that asks.
   */
  allowTracerBlobFetch: () => void;
};

const TRACER_BLOB_FETCH =
  /^Connecting to 'blob:[^']+' violates the following Content Security Policy directive: "connect-src /;

export const test = base.extend<{ browserErrors: BrowserErrors }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const expected: { message: RegExp; path: RegExp }[] = [];
      let tracerBlobFetch = false;
      const watch = (target: Page) => {
        target.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
        target.on('console', (message) => {
          if (message.type() !== 'error') return;
          const where = message.location().url;
          const pathname = where ? new URL(where).pathname : '';
          const text = message.text();
          if (expected.some((allowed) => allowed.message.test(text) && allowed.path.test(pathname))) return;
          if (tracerBlobFetch && !where && TRACER_BLOB_FETCH.test(text)) return;
          errors.push(`console.error: ${text} (${where})`);
        });
      };
      watch(page);
      page.context().on('page', watch);
      await use({
        watch,
        allowNotFound: (path) => expected.push({ message: /status of 404/, path }),
        allowResourceError: (path) => expected.push({ message: /^Failed to load resource/, path }),
        allowTracerBlobFetch: () => {
          tracerBlobFetch = true;
        },
      });
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});
