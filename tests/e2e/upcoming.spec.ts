// The Upcoming view and the due badges end to end (FR-047, FR-048), in Chromium: records added
// through the UI appear on /upcoming grouped and soonest first, each linking to its pet; the cards
// on /pets say "Overdue" or "Due soon" in words; the nav link reached with the keyboard; the empty
// state; axe and reflow at 320 px on both pages. Every test has its own account (zone: UTC).
import { expect, type Page } from '@playwright/test';
import { waitForHydration } from '../support/e2e-auth';
import {
  addDays,
  addPet,
  browserToday,
  expectNoAxeViolations,
  expectReflowsAt320,
  petCard,
  signUp,
  tabTo,
} from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;
const MIA = { name: 'Mia', category: 'Cat', birthday: '2021-02-01', gender: 'Female' } as const;
const NEMO = { name: 'Nemo', category: 'Fish', birthday: '2022-08-09', gender: 'Other' } as const;

async function addShot(page: Page, petId: string, vaccine: string, givenOn: string, nextDueOn: string) {
  await page.goto(`/pets/${petId}/vaccinations/new`);
  await waitForHydration(page);
  await page.getByLabel('Vaccine', { exact: true }).fill(vaccine);
  await page.getByLabel('Date given', { exact: true }).fill(givenOn);
  await page.getByLabel('Next due date (optional)', { exact: true }).fill(nextDueOn);
  await page.getByRole('button', { name: 'Add vaccination' }).click();
  await expect(page).toHaveURL(`/pets/${petId}?care=vaccination-saved`);
}

async function addVisit(page: Page, petId: string, reason: string, visitedOn: string) {
  await page.goto(`/pets/${petId}/visits/new`);
  await waitForHydration(page);
  await page.getByLabel('Date', { exact: true }).fill(visitedOn);
  await page.getByLabel('Reason', { exact: true }).fill(reason);
  await page.getByRole('button', { name: 'Add vet visit' }).click();
  await expect(page).toHaveURL(`/pets/${petId}?care=visit-saved`);
}

const section = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\(\\d+\\)$`) });

test('what is due shows on /upcoming soonest first, and as badges on /pets', async ({ page }) => {
  await signUp(page, 'upcoming');
  const today = await browserToday(page);
  const rex = await addPet(page, REX);
  const mia = await addPet(page, MIA);
  await addPet(page, NEMO);
  // Overdue: due a month ago. Due soon: in 3 days, a visit in 12. Outside the window: in 90 days.
  await addShot(page, mia, 'FVRCP', addDays(today, -400), addDays(today, -30));
  await addShot(page, rex, 'Rabies', addDays(today, -362), addDays(today, 3));
  await addVisit(page, rex, 'dental check', addDays(today, 12));
  await addShot(page, rex, 'DHPP', addDays(today, -10), addDays(today, 90));

  await page.goto('/pets');
  // The nav link, with the keyboard alone.
  const upcomingLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upcoming' });
  await tabTo(page, upcomingLink);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/upcoming');
  await expect(page.getByRole('heading', { name: 'Upcoming', level: 1 })).toBeVisible();

  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Overdue (1)', 'Next 7 days (1)', 'Later (1)']);
  const items = page.getByRole('main').getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.getByRole('link')).toHaveText([
    'Mia: FVRCP vaccination due',
    'Rex: Rabies vaccination due',
    'Rex: Vet visit: dental check',
  ]);
  await expect(section(page, 'Overdue')).toContainText('Was due');
  await expect(section(page, 'Next 7 days').getByRole('link')).toHaveAttribute(
    'href',
    `/pets/${rex}#vaccinations-heading`,
  );
  await expectNoAxeViolations(page);
  await expectReflowsAt320(page);

  // Each item leads to its pet.
  await section(page, 'Overdue').getByRole('link', { name: 'Mia: FVRCP vaccination due' }).click();
  await expect(page).toHaveURL(`/pets/${mia}#vaccinations-heading`);
  await expect(page.getByRole('heading', { name: 'Mia', level: 1 })).toBeVisible();

  await page.goto('/pets');
  await expect(petCard(page, 'Mia')).toContainText('Overdue');
  await expect(petCard(page, 'Rex')).toContainText('Due soon');
  await expect(petCard(page, 'Nemo')).not.toContainText(/Overdue|Due soon/);
  // The badge is words inside the card's link: its name says it, not a colour.
  await expect(petCard(page, 'Mia').getByRole('link').first()).toHaveAccessibleName(/Mia.*Overdue/);
  await expectNoAxeViolations(page);
  await expectReflowsAt320(page);
});

test('nothing due: the empty state, axe-clean and reflowing at 320 px', async ({ page }) => {
  await signUp(page, 'upcoming-empty');
  await addPet(page, NEMO);
  await page.goto('/upcoming');
  await expect(page.getByRole('heading', { name: 'Nothing due in the next 30 days', level: 2 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to my pets' })).toHaveAttribute('href', '/pets');
  await expectNoAxeViolations(page);
  await expectReflowsAt320(page);
});

test('signed out, /upcoming asks to sign in and comes back', async ({ page }) => {
  await page.goto('/upcoming');
  await expect(page).toHaveURL('/login?redirect=%2Fupcoming');
});
