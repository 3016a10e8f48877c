// A pet page with more records than it lists (ADR 0038): the newest 10 vet visits, then "Show all
// vet visits", whose page lists every one, newest first; axe and reflow at 320 px on that page.
import { expect } from '@playwright/test';
import { waitForHydration } from '../support/e2e-auth';
import { addDays, addPet, browserToday, expectNoAxeViolations, expectReflowsAt320, signUp } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;
const VISITS = 11;

test('the pet page lists the newest 10 vet visits and links to all of them', async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, 'pet-page-lists');
  const today = await browserToday(page);
  const rex = await addPet(page, REX);
  for (let index = 1; index <= VISITS; index++) {
    await page.goto(`/pets/${rex}/visits/new`);
    await waitForHydration(page);
    await page.getByLabel('Date', { exact: true }).fill(addDays(today, -index));
    await page.getByLabel('Reason', { exact: true }).fill(`Check-up ${index}`);
    await page.getByRole('button', { name: 'Add vet visit' }).click();
    await expect(page).toHaveURL(`/pets/${rex}?care=visit-saved`);
  }

  const visits = page.getByRole('region', { name: 'Vet visits' });
  await expect(visits.getByRole('listitem')).toHaveCount(10);
  // Newest first: the oldest visit is the one left for the full list.
  await expect(visits.getByText('Check-up 1', { exact: true })).toBeVisible();
  await expect(visits.getByText(`Check-up ${VISITS}`, { exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Show all vaccinations' })).toHaveCount(0);

  await visits.getByRole('link', { name: 'Show all vet visits' }).click();
  await expect(page).toHaveURL(`/pets/${rex}/visits`);
  await expect(page.getByRole('heading', { name: 'Vet visits of Rex', level: 1 })).toBeVisible();
  const all = page.getByRole('region', { name: 'Vet visits' });
  await expect(all.getByRole('listitem')).toHaveCount(VISITS);
  await expect(all.getByText(`Check-up ${VISITS}`, { exact: true })).toBeVisible();
  await expect(all.getByRole('link', { name: 'Show all vet visits' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await expectReflowsAt320(page);
  await page.getByRole('link', { name: '← Rex' }).click();
  await expect(page).toHaveURL(`/pets/${rex}`);
});
