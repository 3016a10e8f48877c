// The account's preferences as a person meets them: a new account starts in the browser's time
// zone; on /account the zone and the weight unit are chosen (with and without JavaScript), and the
// account's activity times follow the zone.
import { expect, test } from '@playwright/test';
import { uniqueEmail } from '../support/accounts';
import { registerViaUi } from '../support/e2e-auth';
import { expectNoAxeViolations } from '../support/e2e-axe';

test.describe('a browser in Kathmandu', () => {
  test.use({ timezoneId: 'Asia/Kathmandu' });

  test('registers: the account starts in its zone; a new zone and unit are saved and shown', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('prefs-e2e'));
    await page.goto('/account');
    const zone = page.getByLabel('Time zone');
    const unit = page.getByLabel('Weight unit');
    await expect(zone).toHaveValue('Asia/Katmandu');
    await expect(unit).toHaveValue('kg');
    await expect(page.getByText(/newest first \(times in Asia\/Katmandu\)/)).toBeVisible();
    await expectNoAxeViolations(page);

    // By keyboard: the selects take typed choices like any other.
    await zone.selectOption('America/New_York');
    await unit.selectOption('lb');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByText('Preferences saved.')).toBeVisible();
    await expect(page.getByText(/times in America\/New York/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Time zone')).toHaveValue('America/New_York');
    await expect(page.getByLabel('Weight unit')).toHaveValue('lb');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, timezoneId: 'Europe/Berlin' });

  test('a new account starts in UTC; the form posts and saves', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('prefs-nojs'), undefined, { js: false });
    await page.goto('/account');
    await expect(page.getByLabel('Time zone')).toHaveValue('UTC');
    await page.getByLabel('Time zone').selectOption('Australia/Lord_Howe');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByText('Preferences saved.')).toBeVisible();
    await page.goto('/account');
    await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Lord_Howe');
  });
});
