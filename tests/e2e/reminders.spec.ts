// Email reminders as a person meets them (FR-044 to FR-046): the Reminders form on /account (turned
// on with a time, kept after a reload, a specific message for a bad time with what was typed kept),
// the same without JavaScript, the "Remind me" choice on a vaccination kept when editing, axe on both
// pages, and reflow at 320 px. Every test has its own account.
import { expect, type Page } from '@playwright/test';
import { PASSWORD, registerViaUi } from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import { addPet, expectNoAxeViolations, signUp } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;

function remindersForm(page: Page) {
  return {
    enabled: page.getByLabel('Email me a daily digest of what is due'),
    time: page.getByLabel('Time of day', { exact: true }),
    save: page.getByRole('button', { name: 'Save reminder settings' }),
  };
}

test('turns email reminders on at a chosen time; the choice stays after a reload', async ({ page }) => {
  await signUp(page, 'rem-e2e');
  await page.goto('/account');
  const form = remindersForm(page);
  await expect(page.getByRole('heading', { name: 'Reminders' })).toBeVisible();
  await expect(form.enabled).not.toBeChecked();
  await expect(form.time).toHaveValue('08:00');
  await expectNoAxeViolations(page);

  await form.enabled.check();
  await form.time.fill('07:30');
  await form.save.click();
  await expect(
    page.getByText('Reminders saved: a daily email at the time you chose, on days something is due.'),
  ).toBeVisible();
  await page.reload();
  await expect(remindersForm(page).enabled).toBeChecked();
  await expect(remindersForm(page).time).toHaveValue('07:30');
});

test('the Remind me choice of a vaccination is saved and shown again when editing', async ({ page }) => {
  await signUp(page, 'rem-vax');
  const petId = await addPet(page, REX);
  await page.goto(`/pets/${petId}/vaccinations/new`);
  const remindMe = page.getByLabel('Remind me', { exact: true });
  await expect(remindMe).toHaveValue('0');
  await page.getByLabel('Vaccine', { exact: true }).fill('Rabies');
  await page.getByLabel('Date given', { exact: true }).fill('2026-06-01');
  await page.getByLabel('Next due date (optional)', { exact: true }).fill('2027-06-01');
  await remindMe.selectOption({ label: '7 days before' });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Add vaccination' }).click();
  await expect(page).toHaveURL(new RegExp(`/pets/${petId}`));
  await page.getByRole('link', { name: /^Edit vaccination Rabies/ }).click();
  await expect(page.getByLabel('Remind me', { exact: true })).toHaveValue('7');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Reminders form posts, keeps a bad time with a specific message, and saves a good one', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('rem-nojs'), PASSWORD, { js: false });
    await page.goto('/account');
    const form = remindersForm(page);
    await form.enabled.check();
    // A browser without JavaScript still sends what the field holds; a forged value gets the message.
    await form.time.evaluate((input: HTMLInputElement) => {
      input.type = 'text';
      input.value = '25:00';
    });
    await form.save.click();
    await expect(page.getByText('Enter a time of day as HH:MM, for example 08:00.')).toBeVisible();
    // What was chosen is kept (a time input shows no value it cannot hold, so the box stays ticked).
    await expect(remindersForm(page).enabled).toBeChecked();
    await remindersForm(page).time.evaluate((input: HTMLInputElement) => {
      input.type = 'time';
      input.value = '06:45';
    });
    await remindersForm(page).save.click();
    await expect(page.getByText(/^Reminders saved/)).toBeVisible();
    await page.goto('/account');
    await expect(remindersForm(page).enabled).toBeChecked();
    await expect(remindersForm(page).time).toHaveValue('06:45');
  });
});

test('reflows at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await signUp(page, 'rem-narrow');
  await page.goto('/account');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, '/account scrolls sideways').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
