// A pet page with more records than it lists (ADR 0039): the newest 3 vet visits, one line each, then
// "All vet visits of Rex", whose page lists every one, newest first; axe and reflow at 320 px on
// that page.
import { expect } from '@playwright/test';
import { waitForHydration } from '../support/e2e-auth';
import { addDays, addPet, browserToday, expectNoAxeViolations, expectReflowsAt320, signUp } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;
const VISITS = 4;

test('the pet page lists the newest 3 vet visits and links to all of them', async ({ page }) => {
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
  await expect(visits.getByRole('listitem')).toHaveCount(3);
  // Newest first: the oldest visit is the one left for the full list. Each line's title is the way to
  // edit that visit.
  await expect(visits.getByRole('link', { name: new RegExp(`^Edit vet visit Check-up ${VISITS} on `) })).toHaveCount(0);
  await expect(visits.getByRole('link', { name: /^Edit vet visit Check-up 1 on / })).toHaveAttribute(
    'href',
    new RegExp(`/pets/${rex}/visits/[0-9a-f-]{36}/edit$`),
  );
  await expect(page.getByRole('link', { name: /^All vaccinations of Rex/ })).toHaveCount(0);

  await visits.getByRole('link', { name: 'All vet visits of Rex' }).click();
  await expect(page).toHaveURL(`/pets/${rex}/visits`);
  await expect(page.getByRole('heading', { name: 'Vet visits of Rex', level: 1 })).toBeVisible();
  const all = page.getByRole('region', { name: 'Vet visits' });
  await expect(all.getByRole('listitem')).toHaveCount(VISITS);
  await expect(all.getByText(`Check-up ${VISITS}`, { exact: true })).toBeVisible();
  await expect(all.getByRole('button', { name: /^Delete vet visit Check-up 1 on / })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectReflowsAt320(page);
  await page.getByRole('link', { name: '← Rex' }).click();
  await expect(page).toHaveURL(`/pets/${rex}`);
});
