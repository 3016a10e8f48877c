// Medications end to end in Chromium: adding a weekly treatment from the pet's Health area, marking
// its due dose given (useOptimistic with JavaScript, a plain form post without), seeing the next
// dose and the history, the form's specific messages, keyboard only, axe and a 320 px screen.
import { expect, type Page } from '@playwright/test';
import { waitForHydration } from '../support/e2e-auth';
import { addDays, addPet, expectNoAxeViolations, signUp, tabTo } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

/** Today in UTC (the accounts' time zone unless they choose another): its 00:00 dose is always due. */
const utcToday = () => new Date().toISOString().slice(0, 10);

async function petWithPage(page: Page, name: string): Promise<string> {
  const id = await addPet(page, { name, category: 'Dog', birthday: '2020-05-17', gender: 'Female' });
  await page.goto(`/pets/${id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Health' })).toBeVisible();
  return id;
}

/** Fills the medication form: a weekly flea treatment on every day, from a week ago, at 00:00. */
async function fillWeekly(page: Page, name: string) {
  await page.getByLabel('Kind').selectOption({ label: 'Flea & tick' });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Dose (optional)').fill('1 pipette');
  await page.getByLabel('How often').selectOption({ label: 'Weekly on chosen days' });
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
    await page.getByLabel(day).check();
  await page.getByLabel('Start date').fill(addDays(utcToday(), -7));
  await page.getByLabel('Time of day').fill('00:00');
}

function medicationsSection(page: Page) {
  return page.getByRole('region', { name: 'Medications' });
}

test.describe('medications', () => {
  // Each test signs up, adds a pet and a medication through the UI: more steps than one minute allows on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  test('add a weekly treatment, mark its dose given and see the next dose', async ({ page }) => {
    const email = await signUp(page, 'meds');
    const petId = await petWithPage(page, 'Bella');
    await medicationsSection(page).getByRole('link', { name: 'Add medication' }).click();
    await expect(page).toHaveURL(`/pets/${petId}/medications/new`);
    await expect(page.getByLabel('Time of day')).toHaveValue('08:00');
    await expectNoAxeViolations(page);

    // Specific messages, and what was typed stays.
    await page.getByLabel('How often').selectOption({ label: 'Weekly on chosen days' });
    await page.getByLabel('Name', { exact: true }).fill('Frontline');
    await page.getByRole('button', { name: 'Add medication' }).click();
    await expect(page.getByText('Start date is required')).toBeVisible();
    await expect(page.getByLabel('Start date')).toBeFocused();
    await page.getByLabel('Start date').fill(addDays(utcToday(), -7));
    await page.getByRole('button', { name: 'Add medication' }).click();
    await expect(page.getByText('Choose at least one day of the week')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Frontline');

    await fillWeekly(page, 'Frontline');
    await page.getByLabel('End date (optional)').fill(addDays(utcToday(), -8));
    await page.getByRole('button', { name: 'Add medication' }).click();
    await expect(page.getByText("The end date can't be before the start date.")).toBeVisible();
    await page.getByLabel('End date (optional)').fill('');
    await page.getByRole('button', { name: 'Add medication' }).click();

    await expect(page).toHaveURL(`/pets/${petId}?care=medication-added#medications`);
    const section = medicationsSection(page);
    await expect(section.getByRole('link', { name: 'Frontline', exact: true })).toBeVisible();
    await expect(section).toContainText('Flea & tick · 1 pipette');
    await expect(section).toContainText('Overdue since today 00:00');
    await expectNoAxeViolations(page);

    await section.getByRole('button', { name: 'Mark Frontline given for today 00:00' }).click();
    await expect(section.getByText('Marked given.')).toBeVisible();
    await expect(section).toContainText('Next dose: tomorrow 00:00');
    await expect(section.getByRole('button', { name: /Mark Frontline given/ })).toHaveCount(0);

    // The person who marked it can take it back the same day: the dose is due again.
    await section.getByRole('button', { name: 'Undo the last mark of Frontline' }).click();
    await expect(section.getByText('Mark undone.')).toBeVisible();
    await section.getByRole('button', { name: 'Mark Frontline given for today 00:00' }).click();
    await expect(section.getByText('Marked given.')).toBeVisible();
    await expect(section).toContainText('Next dose: tomorrow 00:00');

    await section.getByRole('link', { name: 'Frontline', exact: true }).click();
    const history = page.getByRole('region', { name: 'Latest doses' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expect(history).toContainText(`today 00:00: Given by ${email}`);
  });

  test('the same without JavaScript: form posts, confirmation page for delete', async ({ browser, page }) => {
    await signUp(page, 'meds-nojs');
    const petId = await petWithPage(page, 'Pip');
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    try {
      const plain = await noJs.newPage();
      await plain.goto(`/pets/${petId}/medications/new`);
      // Without JavaScript every schedule field is there.
      await expect(plain.getByLabel('Every how many days')).toBeVisible();
      await fillWeekly(plain, 'Milbemax');
      await plain.getByRole('button', { name: 'Add medication' }).click();
      await expect(plain).toHaveURL(`/pets/${petId}?care=medication-added#medications`);
      const section = medicationsSection(plain);
      await section.getByRole('button', { name: 'Mark Milbemax given for today 00:00' }).click();
      await expect(medicationsSection(plain).getByText('Marked given.')).toBeVisible();
      await expect(medicationsSection(plain)).toContainText('Next dose: tomorrow 00:00');

      // Edit and Delete are on the medication's own page.
      await medicationsSection(plain).getByRole('link', { name: 'Milbemax', exact: true }).click();
      await expect(plain).toHaveURL(new RegExp(`/pets/${petId}/medications/[0-9a-f-]{36}$`));
      await plain.getByRole('link', { name: 'Delete medication Milbemax' }).click();
      await expect(plain.getByRole('heading', { name: 'Delete Milbemax?' })).toBeVisible();
      await plain.getByRole('button', { name: 'Delete medication Milbemax' }).click();
      await expect(plain).toHaveURL(`/pets/${petId}?care=medication-deleted#medications`);
      await expect(medicationsSection(plain)).toContainText('No medications or treatments yet.');
    } finally {
      await noJs.close();
    }
  });

  test('keyboard only: add, then mark the dose skipped; a dialog confirms a delete', async ({ page }) => {
    await signUp(page, 'meds-keys');
    const petId = await petWithPage(page, 'Rex');
    const add = medicationsSection(page).getByRole('link', { name: 'Add medication' });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}/medications/new`);
    await fillWeekly(page, 'Drontal');
    await tabTo(page, page.getByRole('button', { name: 'Add medication' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}?care=medication-added#medications`);
    const skip = medicationsSection(page).getByRole('button', { name: 'Skip Drontal for today 00:00' });
    await tabTo(page, skip);
    await page.keyboard.press('Enter');
    await expect(medicationsSection(page).getByText('Marked skipped.')).toBeVisible();

    // To the treatment's own page, where it is edited and deleted.
    await tabTo(page, medicationsSection(page).getByRole('link', { name: 'Drontal', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/pets/${petId}/medications/[0-9a-f-]{36}$`));
    await waitForHydration(page);
    const remove = page.getByRole('button', { name: 'Delete medication Drontal' });
    await tabTo(page, remove);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Delete Drontal?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: 'Drontal' })).toBeVisible();
  });

  test('reflows at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await signUp(page, 'meds-narrow');
    const petId = await petWithPage(page, 'Tiny');
    for (const path of [`/pets/${petId}/medications/new`, `/pets/${petId}`]) {
      await page.goto(path);
      if (path.endsWith('/new')) {
        await fillWeekly(page, 'A treatment with a rather long name for a narrow screen');
        await page.getByRole('button', { name: 'Add medication' }).click();
        await expect(page).toHaveURL(`/pets/${petId}?care=medication-added#medications`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await expectNoAxeViolations(page);
  });
});
