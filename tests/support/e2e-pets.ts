// Helpers of the end-to-end pet suite: the pet form as a user sees it (found by label and role),
// adding pets through the UI, reading the list and the detail page, dates in the browser's own
// time zone, and an axe scan. Accounts come from e2e-auth (one fresh account per test).
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { registerViaUi } from './e2e-auth';
import { uniqueEmail } from './accounts';

export type GenderLabel = 'Male' | 'Female' | 'Other' | 'Prefer not to say';
export type PetValues = { name: string; category: string; birthday: string; gender: GenderLabel };

/** The contract's messages (docs/requirements.md: createPet, updatePet, deletePet). */
export const PET_MESSAGES = {
  nameRequired: 'Name is required',
  categoryRequired: 'Category is required',
  birthdayRequired: 'Birthday is required',
  genderInvalid: 'Please select a valid gender',
  nameTooLong: 'Name must be under 50 characters',
  birthdayFuture: 'Birthday cannot be in the future',
  notFound: 'Pet not found',
  deleted: 'Pet deleted.',
  saved: 'Changes saved.',
  restored: 'We restored what you typed earlier.',
} as const;

export const PET_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Registers a fresh account through the UI; the page is left on the empty /pets. */
export async function signUp(page: Page, tag: string): Promise<string> {
  const email = uniqueEmail(tag);
  await registerViaUi(page, email);
  return email;
}

export function petFields(page: Page) {
  return {
    name: page.getByLabel('Name', { exact: true }),
    category: page.getByLabel('Category', { exact: true }),
    birthday: page.getByLabel('Birthday', { exact: true }),
    gender: page.getByLabel('Gender', { exact: true }),
  };
}

/** The pet form (the one holding the Name field; the header's Log out is a form too). */
export function petForm(page: Page): Locator {
  return page.locator('form').filter({ has: page.locator('input[name="name"]') });
}

/** The pet form's submit button, whatever its label says (it changes while pending). */
export function petSubmit(page: Page): Locator {
  return petForm(page).locator('button[type="submit"]');
}

/** The form-level message of the pet form (role="alert"; Next's route announcer is another alert). */
export function petFormBanner(page: Page): Locator {
  return petForm(page).locator('[role="alert"]');
}

/** The confirmation shown after a redirect ("Bella was added.", "Changes saved.", "Pet deleted."). */
export function notice(page: Page): Locator {
  return page.getByRole('main').getByRole('status');
}

/**
 * Waits until React has hydrated the pet form and has rendered it with the browser's time zone
 * (the hidden `timezone` field and the birthday's `max` are filled in right after hydration).
 */
export async function waitForPetForm(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('input[name="name"]');
    const zone = document.querySelector<HTMLInputElement>('input[name="timezone"]');
    return (
      input?.form != null &&
      Object.keys(input.form).some((key) => key.startsWith('__reactProps')) &&
      zone !== null &&
      zone.value !== ''
    );
  });
}

export async function openPetForm(
  page: Page,
  path: string,
  { js = true }: { js?: boolean } = {},
): Promise<Response | null> {
  const response = await page.goto(path);
  if (js) await waitForPetForm(page);
  return response;
}

export async function fillPetForm(page: Page, values: Partial<PetValues>): Promise<void> {
  const fields = petFields(page);
  if (values.name !== undefined) await fields.name.fill(values.name);
  if (values.category !== undefined) await fields.category.fill(values.category);
  if (values.birthday !== undefined) await fields.birthday.fill(values.birthday);
  if (values.gender !== undefined) await fields.gender.selectOption({ label: values.gender });
}

export async function expectPetForm(page: Page, values: Partial<PetValues>): Promise<void> {
  const fields = petFields(page);
  if (values.name !== undefined) await expect(fields.name).toHaveValue(values.name);
  if (values.category !== undefined) await expect(fields.category).toHaveValue(values.category);
  if (values.birthday !== undefined) await expect(fields.birthday).toHaveValue(values.birthday);
  if (values.gender !== undefined) {
    await expect(fields.gender.locator('option:checked')).toHaveText(values.gender);
  }
}

/**
 * Submits the pet form and waits until the Server Action POST to `pathname` has been answered
 * and the form has left its pending state (for submits that stay on the page).
 */
export async function submitPetFormAndSettle(
  page: Page,
  pathname: string,
  submit?: () => Promise<void>,
): Promise<Response> {
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === pathname,
  );
  await (submit ? submit() : petSubmit(page).click());
  const response = await answered;
  await expect(petSubmit(page)).toBeEnabled();
  return response;
}

/** Adds a pet through /pets/new; checks the redirect to /pets and the confirmation; returns its id. */
export async function addPet(page: Page, values: PetValues, { js = true }: { js?: boolean } = {}): Promise<string> {
  await openPetForm(page, '/pets/new', { js });
  await fillPetForm(page, values);
  await page.getByRole('button', { name: 'Add pet' }).click();
  await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
  await expect(notice(page)).toHaveText(`${values.name} was added.`);
  const id = new URL(page.url()).searchParams.get('created');
  expect(id, 'the new pet id').toMatch(PET_ID);
  return id!;
}

/** Every pet card on the current list page. */
export function petCards(page: Page): Locator {
  return page.getByRole('main').getByRole('listitem');
}

export function petCard(page: Page, name: string): Locator {
  return petCards(page).filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** The link that opens a card's pet (the card also holds a "Quick delete" link). */
export function petCardLink(page: Page, name: string): Locator {
  return petCard(page, name).getByRole('link').first();
}

/** Names of the pets on the current list page, in order (auto-waits for the expected list). */
export async function expectListedNames(page: Page, names: string[]): Promise<void> {
  await expect(petCards(page).getByRole('heading')).toHaveText(names);
}

export async function listedNames(page: Page): Promise<string[]> {
  return petCards(page).getByRole('heading').allInnerTexts();
}

/** A value of the detail page's description list ("Category", "Birthday", "Gender", "Added"). */
export function detailValue(page: Page, label: string): Locator {
  return page
    .getByRole('main')
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd');
}

/** Today as YYYY-MM-DD in the browser's own time zone. */
export async function browserToday(page: Page): Promise<string> {
  return page.evaluate(() =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()),
  );
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 1 January three years ago (UTC): the app shows "3 years" for it on any day of the year. */
export function threeYearsAgo(): string {
  return `${new Date().getUTCFullYear() - 3}-01-01`;
}

/** Presses Tab (or Shift+Tab) until `target` has the focus: the keyboard user's way to a control. */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let step = 0; step < max; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached with ${max} × ${backwards ? 'Shift+Tab' : 'Tab'}`).toBeFocused({ timeout: 1 });
}

/** Reflow at 320 CSS px (WCAG 1.4.10): nothing scrolls sideways; the viewport is restored after. */
export async function expectReflowsAt320(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

export { expectNoAxeViolations } from './e2e-axe';
