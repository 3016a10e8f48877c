// The calendar feed on /account as a person uses it: turn it on, copy the link shown once, the link
// serves their pets' calendar, a new link stops the old one, turning it off stops it — with and
// without JavaScript, by keyboard, with no axe violations.
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { uniqueEmail } from '../support/accounts';
import { registerViaUi } from '../support/e2e-auth';
import { expectNoAxeViolations } from '../support/e2e-axe';
import { addPet } from '../support/e2e-pets';

async function summaries(page: Page, link: string): Promise<string[]> {
  const response = await page.request.get(link);
  expect(response.status()).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return calendar.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('summary')));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('turn the feed on, subscribe with the link, replace it, turn it off', async ({ page }) => {
      await registerViaUi(page, uniqueEmail('feed-e2e'), undefined, { js: javaScriptEnabled });
      await addPet(
        page,
        { name: 'Biscuit', category: 'Dog', birthday: '2021-06-03', gender: 'Female' },
        { js: javaScriptEnabled },
      );
      await page.goto('/account');
      const turnOn = page.getByRole('button', { name: 'Turn on calendar feed' });
      if (javaScriptEnabled) {
        await turnOn.focus();
        await page.keyboard.press('Enter');
      } else await turnOn.click();
      await expect(page.getByText('Your calendar link is ready.')).toBeVisible();
      const first = await page.getByLabel('Calendar link').inputValue();
      expect(first).toMatch(/\/calendar\.ics\?token=[\w-]{43}$/);
      await expect(page.getByRole('link', { name: 'Subscribe in my calendar app' })).toHaveAttribute(
        'href',
        first.replace(/^https?:/, 'webcal:'),
      );
      // axe runs in the page: only where scripts do.
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      expect(await summaries(page, first)).toEqual(["Biscuit's birthday"]);

      // Shown once: a fresh load of the page says the feed is on, and shows no link.
      await page.goto('/account');
      await expect(page.getByText(/The feed is on; its current link was made/)).toBeVisible();
      await expect(page.getByLabel('Calendar link')).toHaveCount(0);

      await page.getByRole('button', { name: 'Get a new calendar link' }).click();
      await expect(page.getByText('Your calendar link is ready.')).toBeVisible();
      const second = await page.getByLabel('Calendar link').inputValue();
      expect(second).not.toBe(first);
      expect((await page.request.get(first)).status()).toBe(404);

      await page.getByRole('button', { name: 'Turn off calendar feed' }).click();
      await expect(page.getByText('Calendar feed turned off. Its link no longer works.')).toBeVisible();
      expect((await page.request.get(second)).status()).toBe(404);
      await expect(page.getByRole('button', { name: 'Turn on calendar feed' })).toBeVisible();
    });
  });
}
