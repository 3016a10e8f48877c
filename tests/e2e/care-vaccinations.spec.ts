// Vaccinations end to end, as a user sees them in Chromium: the Health area of a pet's page (one line
// per shot, its title the way to edit it), adding (suggestions for the pet's category, a due date from
// an interval, a message for a due date before the date given), the status of each shot (a superseded
// one has none), editing, deleting through the dialog on the pet's Vaccinations page, the same without
// JavaScript (server messages, the confirmation page), adding with the keyboard alone, axe on the
// pages and the form, and reflow at 320 px. Every test has its own account.
import { expect, type Locator, type Page } from '@playwright/test';
import { PASSWORD, registerViaUi, waitForHydration } from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import { addPet, expectNoAxeViolations, expectReflowsAt320, notice, signUp, tabTo } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;
const DUE_BEFORE_GIVEN = "The next due date can't be before the date given.";

/** The calendar date `days` after today (UTC, the account's default zone). */
function daysFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days))
    .toISOString()
    .slice(0, 10);
}

/** "3 March 2026", as the app writes a date. */
function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${date}T00:00:00Z`));
}

function fields(page: Page) {
  return {
    vaccine: page.getByLabel('Vaccine', { exact: true }),
    givenOn: page.getByLabel('Date given', { exact: true }),
    nextDueOn: page.getByLabel('Next due date (optional)', { exact: true }),
    interval: page.getByLabel('Or due again after', { exact: true }),
    clinic: page.getByLabel('Clinic or vet (optional)', { exact: true }),
    batchNumber: page.getByLabel('Batch or lot number (optional)', { exact: true }),
    notes: page.getByLabel('Notes (optional)', { exact: true }),
  };
}

type Shot = { vaccine: string; givenOn: string; interval?: '1 year' | '3 years' | 'None'; nextDueOn?: string };

async function fillShot(page: Page, shot: Shot): Promise<void> {
  const form = fields(page);
  await form.vaccine.fill(shot.vaccine);
  await form.givenOn.fill(shot.givenOn);
  if (shot.nextDueOn !== undefined) await form.nextDueOn.fill(shot.nextDueOn);
  if (shot.interval) await form.interval.selectOption({ label: shot.interval });
}

function vaccinations(page: Page): Locator {
  return page.getByRole('region', { name: 'Vaccinations' });
}

/** One vaccination's line or card, found by its Edit link's name ("Edit vaccination Rabies from 3 March 2026"). */
function card(page: Page, vaccine: string, givenOn: string): Locator {
  const edit = page.getByRole('link', { name: `Edit vaccination ${vaccine} from ${longDate(givenOn)}` });
  return vaccinations(page).getByRole('listitem').filter({ has: edit });
}

async function addShot(page: Page, petId: string, shot: Shot, { js = true } = {}): Promise<void> {
  await page.goto(`/pets/${petId}`);
  await vaccinations(page).getByRole('link', { name: 'Add vaccination' }).click();
  await expect(page).toHaveURL(`/pets/${petId}/vaccinations/new`);
  if (js) await waitForHydration(page);
  await fillShot(page, shot);
  await page.getByRole('button', { name: 'Add vaccination' }).click();
  await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-saved`);
  await expect(notice(page)).toHaveText('Vaccination saved.');
}

test.describe('vaccinations with JavaScript', () => {
  test('add with suggestions and an interval, a status per vaccine, edit, delete through the dialog; axe and 320 px', async ({
    page,
  }) => {
    // The whole life of three vaccinations, two axe scans and two reflows: a long walk on a busy machine.
    test.setTimeout(180_000);
    await signUp(page, 'vax');
    const petId = await addPet(page, REX);
    await page.goto(`/pets/${petId}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Health' })).toBeVisible();
    await expect(vaccinations(page).getByRole('heading', { level: 3, name: 'Vaccinations' })).toBeVisible();
    await expect(vaccinations(page)).toContainText('No vaccinations recorded yet.');

    await vaccinations(page).getByRole('link', { name: 'Add vaccination' }).click();
    await waitForHydration(page);
    // A dog's suggestions.
    await expect(page.locator('#vaccine-suggestions option')).toHaveCount(6);
    await expect(page.locator('#vaccine-suggestions option').nth(1)).toHaveAttribute('value', 'DHPP');
    await expectNoAxeViolations(page);
    await expectReflowsAt320(page);

    // A due date before the date given: the field says so at once, and nothing is sent.
    await fillShot(page, { vaccine: 'Rabies', givenOn: '2024-02-29', nextDueOn: '2024-02-01' });
    await page.getByRole('button', { name: 'Add vaccination' }).click();
    await expect(page.getByText(DUE_BEFORE_GIVEN)).toBeVisible();
    await expect(fields(page).nextDueOn).toBeFocused();
    await expect(fields(page).nextDueOn).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(`/pets/${petId}/vaccinations/new`);

    // Fixed: an old shot due a year later (29 February + 1 year = 28 February), long overdue alone.
    await fields(page).nextDueOn.fill('');
    await fields(page).interval.selectOption({ label: '1 year' });
    await page.getByRole('button', { name: 'Add vaccination' }).click();
    await expect(notice(page)).toHaveText('Vaccination saved.');
    const old = card(page, 'Rabies', '2024-02-29');
    await expect(old).toContainText('28 February 2025');
    await expect(old).toContainText('Overdue');

    // A newer rabies shot supersedes it: the old one is no longer "Overdue"; the new one is up to date.
    const recent = daysFromToday(-10);
    await addShot(page, petId, { vaccine: 'Rabies', givenOn: recent, interval: '3 years' });
    await expect(card(page, 'Rabies', recent)).toContainText('Up to date');
    await expect(card(page, 'Rabies', '2024-02-29')).not.toContainText('Overdue');
    // A vaccine due within 30 days.
    await addShot(page, petId, { vaccine: 'DHPP', givenOn: daysFromToday(-300), nextDueOn: daysFromToday(20) });
    await expect(card(page, 'DHPP', daysFromToday(-300))).toContainText('Due soon');
    await expectNoAxeViolations(page);
    await expectReflowsAt320(page);

    // Edit: the form holds the saved values; the change shows on the pet's page.
    await vaccinations(page)
      .getByRole('link', { name: `Edit vaccination Rabies from ${longDate(recent)}` })
      .click();
    await waitForHydration(page);
    await expect(fields(page).vaccine).toHaveValue('Rabies');
    await expect(fields(page).givenOn).toHaveValue(recent);
    await fields(page).clinic.fill('Town Vets');
    await fields(page).batchNumber.fill('LOT-42');
    await page.getByRole('button', { name: 'Save vaccination' }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-saved`);
    await expect(card(page, 'Rabies', recent)).toContainText('Up to date');
    // Every detail is on the pet's Vaccinations page, where each shot is also deleted.
    await vaccinations(page).getByRole('link', { name: 'All vaccinations of Rex' }).click();
    await expect(page).toHaveURL(`/pets/${petId}/vaccinations`);
    await expect(card(page, 'Rabies', recent)).toContainText('Town Vets');
    await expect(card(page, 'Rabies', recent)).toContainText('LOT-42');
    await expectNoAxeViolations(page);

    // The confirmation page (what Delete leads to without JavaScript) passes axe too.
    await page.goto(`/pets/${petId}`);
    const dhppEdit = vaccinations(page).getByRole('link', {
      name: `Edit vaccination DHPP from ${longDate(daysFromToday(-300))}`,
    });
    await page.goto((await dhppEdit.getAttribute('href'))!.replace(/\/edit$/, '/delete'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Delete the vaccination DHPP');
    await expectNoAxeViolations(page);
    await page.goto(`/pets/${petId}/vaccinations`);

    // Delete: a dialog asks first; Cancel keeps it, confirming deletes it.
    const deleteName = `Delete vaccination DHPP from ${longDate(daysFromToday(-300))}`;
    await vaccinations(page).getByRole('button', { name: deleteName }).click();
    const dialog = page.getByRole('alertdialog', {
      name: `Delete the vaccination DHPP from ${longDate(daysFromToday(-300))}?`,
    });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await vaccinations(page).getByRole('button', { name: deleteName }).click();
    await dialog.getByRole('button', { name: deleteName }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-deleted`);
    await expect(notice(page)).toHaveText('Vaccination deleted.');
    await expect(vaccinations(page).getByRole('listitem')).toHaveCount(2);
  });

  test('adding with the keyboard alone', async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page, 'vaxkeys');
    const petId = await addPet(page, { ...REX, category: 'Cat', name: 'Tom' });
    await page.goto(`/pets/${petId}`);
    await tabTo(page, vaccinations(page).getByRole('link', { name: 'Add vaccination' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}/vaccinations/new`);
    await waitForHydration(page);
    await expect(page.locator('#vaccine-suggestions option')).toHaveCount(3);
    const form = fields(page);
    await tabTo(page, form.vaccine);
    await page.keyboard.type('FVRCP');
    await page.keyboard.press('Tab');
    await expect(form.givenOn).toBeFocused();
    // A date input takes its parts typed in the locale's order; fill() sets the same value a user would.
    await form.givenOn.fill(daysFromToday(-5));
    await tabTo(page, form.interval);
    await page.keyboard.press('ArrowDown');
    await expect(form.interval).toHaveValue('1y');
    await tabTo(page, page.getByRole('button', { name: 'Add vaccination' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-saved`);
    await expect(card(page, 'FVRCP', daysFromToday(-5))).toContainText('Up to date');
  });

  test("an unknown pet or vaccination, or no UUID, is the app's 404", async ({ page, browserErrors }) => {
    await signUp(page, 'vax404');
    browserErrors.allowNotFound(/^\/pets\/[^/]+\/vaccinations\//);
    for (const path of [
      `/pets/${crypto.randomUUID()}/vaccinations/new`,
      `/pets/not-a-uuid/vaccinations/new`,
      `/pets/${crypto.randomUUID()}/vaccinations/${crypto.randomUUID()}/edit`,
      `/pets/${crypto.randomUUID()}/vaccinations/${crypto.randomUUID()}/delete`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Pet not found' })).toBeVisible();
    }
  });
});

test.describe('vaccinations without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("the server's messages keep what was typed; add; delete through the confirmation page", async ({ page }) => {
    test.setTimeout(120_000);
    await registerViaUi(page, uniqueEmail('vaxnojs'), PASSWORD, { js: false });
    const petId = await addPet(page, REX, { js: false });
    await page.goto(`/pets/${petId}/vaccinations/new`);
    await fillShot(page, { vaccine: 'Lyme', givenOn: '2025-06-01', nextDueOn: '2025-05-01' });
    await fields(page).notes.fill('After the walk');
    await page.getByRole('button', { name: 'Add vaccination' }).click();
    await expect(page.getByText(DUE_BEFORE_GIVEN)).toBeVisible();
    await expect(fields(page).vaccine).toHaveValue('Lyme');
    await expect(fields(page).notes).toHaveValue('After the walk');
    await expect(fields(page).nextDueOn).toHaveValue('2025-05-01');

    await fields(page).nextDueOn.fill('2026-06-01');
    await page.getByRole('button', { name: 'Add vaccination' }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-saved`);
    await expect(notice(page)).toHaveText('Vaccination saved.');

    const deleteName = `Delete vaccination Lyme from ${longDate('2025-06-01')}`;
    await vaccinations(page).getByRole('link', { name: 'All vaccinations of Rex' }).click();
    await vaccinations(page).getByRole('link', { name: deleteName }).click();
    await expect(page).toHaveURL(new RegExp(`/pets/${petId}/vaccinations/[0-9a-f-]{36}/delete$`));
    await expect(
      page.getByRole('heading', { name: `Delete the vaccination Lyme from ${longDate('2025-06-01')}?` }),
    ).toBeVisible();
    await page.getByRole('button', { name: deleteName }).click();
    await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-deleted`);
    await expect(notice(page)).toHaveText('Vaccination deleted.');
    await expect(vaccinations(page)).toContainText('No vaccinations recorded yet.');
  });
});
