// Weight records, end to end in Chromium: adding three weighings and seeing on the pet page the latest
// weight and the chart (an image named by its summary), and on the pet's Weights page the table; the
// form's messages; editing and deleting there through the dialog; the same without JavaScript (the
// confirmation page); by keyboard alone; axe on both pages with the chart; and the Health area
// reflowing at 320 px. Every test makes its own account and pet.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectFieldError, PASSWORD, registerViaUi } from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import { addDays, addPet, browserToday, expectNoAxeViolations, notice, signUp, tabTo } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;

/** "3 Jan 2026" for a YYYY-MM-DD date, as the chart and the table write it. */
function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "3 January 2026", as buttons and links name a weighing. */
function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${date}T00:00:00Z`));
}

function weightSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Weight' });
}

/** The rows of the table on the pet's Weights page (/pets/[id]/weight), newest first. */
function weightRows(page: Page): Locator {
  return page.getByRole('table').locator('tbody tr');
}

/** The pet's Weights page, from the pet page's "All weights of …" link. */
async function openWeights(page: Page, petId: string, name: string): Promise<void> {
  await weightSection(page).getByRole('link', { name }).click();
  await expect(page).toHaveURL(`/pets/${petId}/weight`);
}

/** Waits until React has hydrated the weight form (its submit handler is attached). */
async function waitForWeightForm(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('input[name="weight"]');
    return input?.form != null && Object.keys(input.form).some((key) => key.startsWith('__reactProps'));
  });
}

/** Adds a weighing through its form; back on the pet's page with the notice. */
async function addWeight(page: Page, petId: string, date: string, weight: string, { js = true } = {}) {
  if (!page.url().endsWith(`/pets/${petId}/weight/new`)) await page.goto(`/pets/${petId}/weight/new`);
  if (js) await waitForWeightForm(page);
  await page.getByLabel('Date').fill(date);
  await page.getByLabel('Weight (kg)').fill(weight);
  await page.getByRole('button', { name: 'Add weight' }).click();
  await expect(page).toHaveURL(`/pets/${petId}?care=weight-added#weight`);
  await expect(notice(page).filter({ hasText: 'Weight added.' })).toBeVisible();
}

test.describe('weight on the pet page', () => {
  test('three weighings give the latest weight and its change and a chart; a table, edit and delete on the Weights page', async ({
    page,
  }) => {
    // A long story (a dozen page loads): room for a shared machine.
    test.slow();
    await signUp(page, 'weight');
    const petId = await addPet(page, REX);
    await page.goto(`/pets/${petId}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Health' })).toBeVisible();
    await expect(weightSection(page).getByRole('heading', { level: 3, name: 'Weight' })).toBeVisible();
    await expect(weightSection(page)).toContainText('No weights yet.');

    const today = await browserToday(page);
    const [first, second, third] = [addDays(today, -60), addDays(today, -30), addDays(today, -1)];
    await weightSection(page).getByRole('link', { name: 'Add weight' }).click();
    await expect(page).toHaveURL(`/pets/${petId}/weight/new`);
    await addWeight(page, petId, first, '12.4');
    // One weighing: the figure, no chart yet.
    await expect(weightSection(page).getByRole('img')).toHaveCount(0);
    await expect(weightSection(page)).toContainText('The chart appears once there are two weighings.');
    await addWeight(page, petId, second, '12,8');
    await addWeight(page, petId, third, '13.1');

    const section = weightSection(page);
    await expect(section.getByTestId('latest-weight')).toHaveText(`13.1 kg, +0.3 kg since ${shortDate(second)}`);
    const chart = section.getByRole('img', {
      name: `Weight of Rex from ${shortDate(first)} to ${shortDate(third)}: 12.4 kg to 13.1 kg`,
    });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(
      `3 weighings; lowest 12.4 kg on ${shortDate(first)}, highest 13.1 kg on ${shortDate(third)}.`,
    );
    // One line through the three weighings, each marked (the line's markers).
    const line = chart.locator('path[marker-mid]');
    await expect(line).toHaveCount(1);
    await expect(line).toHaveAttribute('d', /^M[^ML]+L[^ML]+L[^ML]+$/);
    await expect(chart.locator('marker circle')).toHaveCount(1);
    await openWeights(page, petId, 'All weights of Rex');
    await expect(page.getByRole('table', { name: 'All 3 weighings of Rex, newest first' })).toBeVisible();
    await expect(weightRows(page)).toHaveCount(3);
    await expect(weightRows(page).first()).toContainText('13.1 kg');
    await expect(weightRows(page).last()).toContainText('12.4 kg');

    // Edit the middle one.
    await page.getByRole('link', { name: `Edit weight 12.8 kg from ${longDate(second)}` }).click();
    await waitForWeightForm(page);
    await expect(page.getByLabel('Weight (kg)')).toHaveValue('12.8');
    await page.getByLabel('Weight (kg)').fill('12.9');
    await page.getByRole('button', { name: 'Save weight' }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-saved#weight`);
    await expect(notice(page).filter({ hasText: 'Weight saved.' })).toBeVisible();
    await expect(weightSection(page).getByTestId('latest-weight')).toHaveText(
      `13.1 kg, +0.2 kg since ${shortDate(second)}`,
    );

    // Delete the oldest through the dialog: Cancel keeps it, Delete removes it.
    await openWeights(page, petId, 'All weights of Rex');
    const deleteButton = page.getByRole('button', {
      name: `Delete weight 12.4 kg from ${longDate(first)}`,
    });
    await deleteButton.click();
    const dialog = page.getByRole('alertdialog', { name: `Delete weight 12.4 kg from ${longDate(first)}?` });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(weightRows(page)).toHaveCount(3);
    await deleteButton.click();
    await dialog.getByRole('button', { name: `Delete weight 12.4 kg from ${longDate(first)}` }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-deleted#weight`);
    await expect(notice(page).filter({ hasText: 'Weight deleted.' })).toBeVisible();

    // Every weighing on its own page, with the full chart.
    await openWeights(page, petId, 'All weights of Rex');
    await expect(weightRows(page)).toHaveCount(2);
    await expect(page.getByRole('heading', { level: 1, name: 'Weights of Rex' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Weight of Rex from / })).toBeVisible();
    await expect(page.getByRole('table', { name: 'All 2 weighings of Rex, newest first' })).toBeVisible();
  });

  test("in the account's unit: pounds show on the chart, the table and the form", async ({ page }) => {
    test.slow();
    await signUp(page, 'weightlb');
    const petId = await addPet(page, REX);
    const today = await browserToday(page);
    const [earlier, later] = [addDays(today, -30), addDays(today, -1)];
    await addWeight(page, petId, earlier, '12.9');
    await addWeight(page, petId, later, '13.1');

    await page.goto('/account');
    await page.getByLabel('Weight unit').selectOption('lb');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByText('Preferences saved.')).toBeVisible();
    await page.goto(`/pets/${petId}`);
    await expect(weightSection(page).getByTestId('latest-weight')).toHaveText(
      `28.9 lb, +0.4 lb since ${shortDate(earlier)}`,
    );
    await expect(weightSection(page).getByRole('img')).toHaveAccessibleName(
      `Weight of Rex from ${shortDate(earlier)} to ${shortDate(later)}: 28.4 lb to 28.9 lb`,
    );
    await openWeights(page, petId, 'All weights of Rex');
    await expect(weightRows(page).first()).toContainText('28.9 lb');
    await page.getByRole('link', { name: /^Edit weight 28\.9 lb from / }).click();
    await expect(page.getByLabel('Weight (lb)')).toHaveValue('28.88');
  });

  test('the form checks as the server does, and the server refuses what slips past', async ({ page }) => {
    await signUp(page, 'weightform');
    const petId = await addPet(page, REX);
    await page.goto(`/pets/${petId}/weight/new`);
    await waitForWeightForm(page);
    const weight = page.getByLabel('Weight (kg)');
    const date = page.getByLabel('Date');
    // The date starts at the account's today.
    await expect(date).toHaveValue(new RegExp(`^\\d{4}-\\d{2}-\\d{2}$`));

    await weight.fill('0');
    await page.getByRole('button', { name: 'Add weight' }).click();
    await expectFieldError(page, weight, 'Enter a weight greater than 0.');
    await expect(weight).toBeFocused();
    await weight.fill('250');
    await weight.blur();
    await expectFieldError(page, weight, 'That weight is more than 200 kg (440.9 lb); check the number.');
    await weight.fill('twelve');
    await weight.blur();
    await expectFieldError(page, weight, 'Enter the weight as a number, like 12.5 (a decimal point or comma).');
    await date.fill(addDays(await browserToday(page), 400));
    await date.blur();
    await expectFieldError(page, date, 'The date can’t be in the future.');
    await expect(page).toHaveURL(`/pets/${petId}/weight/new`);

    await page.goto(`/pets/${petId}`);
    await expect(weightSection(page)).toContainText('No weights yet.');
  });

  test('by keyboard alone: from the pet page to a saved weighing, then to deleting it', async ({ page }) => {
    await signUp(page, 'weightkeys');
    const petId = await addPet(page, REX);
    await page.goto(`/pets/${petId}`);
    const add = weightSection(page).getByRole('link', { name: 'Add weight' });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}/weight/new`);
    await waitForWeightForm(page);
    await tabTo(page, page.getByLabel('Weight (kg)'));
    await page.keyboard.type('9,75');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-added#weight`);
    await expect(weightSection(page).getByTestId('latest-weight')).toContainText('9.8 kg');
    await tabTo(page, weightSection(page).getByRole('link', { name: 'All weights of Rex' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}/weight`);
    await expect(weightRows(page)).toHaveCount(1);
    await expect(weightRows(page).first()).toContainText('9.8 kg');
    const remove = page.getByRole('button', { name: /^Delete weight 9\.8 kg from / });
    await tabTo(page, remove);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: /^Delete weight 9\.8 kg/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-deleted#weight`);
    await expect(weightSection(page)).toContainText('No weights yet.');
  });

  test('axe finds nothing on the pet page with the chart, and the Health area reflows at 320 px', async ({ page }) => {
    // Three axe scans and a few page loads: room for a shared machine.
    test.slow();
    await signUp(page, 'weightaxe');
    const petId = await addPet(page, REX);
    const today = await browserToday(page);
    await addWeight(page, petId, addDays(today, -20), '30.2');
    await addWeight(page, petId, addDays(today, -10), '30.6');
    await page.getByRole('main').getByRole('status').first().waitFor();
    await expectNoAxeViolations(page);
    await page.goto(`/pets/${petId}/weight`);
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/pets/${petId}`);
    const chart = weightSection(page).getByRole('img');
    await expect(chart).toBeVisible();
    const box = (await chart.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
    // No sideways scrolling: nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // The chart's tick labels stay readable when scaled down (at least 9 CSS px).
    const smallest = await chart.evaluate((svg) =>
      Math.min(...[...svg.querySelectorAll('text')].map((text) => text.getBoundingClientRect().height)),
    );
    expect(smallest).toBeGreaterThanOrEqual(9);
    await expectNoAxeViolations(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('add with the server’s messages, then delete through the confirmation page', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('weightnojs'), PASSWORD, { js: false });
    const petId = await addPet(page, REX, { js: false });
    await page.goto(`/pets/${petId}/weight/new`);
    const weight = page.getByLabel('Weight (kg)');
    await weight.fill('-2');
    await page.getByLabel('Note (optional)').fill('before breakfast');
    await page.getByRole('button', { name: 'Add weight' }).click();
    await expectFieldError(page, weight, 'Enter a weight greater than 0.');
    await expect(weight).toHaveValue('-2');
    await expect(page.getByLabel('Note (optional)')).toHaveValue('before breakfast');

    await weight.fill('7,5');
    await page.getByRole('button', { name: 'Add weight' }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-added#weight`);
    await openWeights(page, petId, 'All weights of Rex');
    await expect(weightRows(page)).toHaveCount(1);
    await expect(weightRows(page).first()).toContainText('7.5 kg');
    await expect(weightRows(page).first()).toContainText('before breakfast');

    const link = page.getByRole('link', { name: /^Delete weight 7\.5 kg from / });
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/pets/${petId}/weight/[0-9a-f-]{36}/delete$`));
    await expect(page.getByRole('heading', { name: /^Delete weight 7\.5 kg from .* of Rex\?$/ })).toBeVisible();
    await page.getByRole('button', { name: /^Delete weight 7\.5 kg/ }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=weight-deleted#weight`);
    await expect(weightSection(page)).toContainText('No weights yet.');
  });
});
