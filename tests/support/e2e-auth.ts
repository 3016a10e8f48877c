// Helpers of the end-to-end auth suite: the credentials form as a user sees it (found by label
// and role, never by CSS classes), accounts made through it, and checks that span several elements.
import { expect, type BrowserContext, type Locator, type Page, type Response } from '@playwright/test';

export const PASSWORD = 'correct horse battery';

export function emailInput(page: Page): Locator {
  return page.getByLabel('Email', { exact: true });
}

export function passwordInput(page: Page): Locator {
  return page.getByLabel('Password', { exact: true });
}

/** The credentials form's submit button, whatever its label says (it changes while pending). */
export function submitButton(page: Page): Locator {
  return page
    .locator('form')
    .filter({ has: emailInput(page) })
    .locator('button[type="submit"]');
}

/** The form-level message (role="alert" inside the form; Next's route announcer is another alert). */
export function formBanner(page: Page): Locator {
  return page.locator('form [role="alert"]');
}

/**
 * Waits until React has hydrated the form: before that, typing can be lost and a click posts the
 * form without JavaScript. React marks every hydrated element with a `__reactProps$…` key.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const form = document.querySelector('form');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactProps'));
  });
}

/**
 * Clicks the credentials form's submit button and waits until the Server Action POST to
 * `pathname` has been answered and the form has left its pending state, i.e. the action's
 * result is on screen. (The RSC response streams: `response.finished()` is not a usable signal.)
 */
export async function submitAndSettle(page: Page, pathname: string, submit: () => Promise<void>): Promise<Response> {
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === pathname,
  );
  await submit();
  const response = await answered;
  await expect(submitButton(page)).toBeEnabled();
  return response;
}

type FormOptions = { js?: boolean };

export async function openForm(page: Page, path: string, { js = true }: FormOptions = {}): Promise<void> {
  await page.goto(path);
  if (js) await waitForHydration(page);
}

export async function fillCredentials(page: Page, email: string, password: string): Promise<void> {
  await emailInput(page).fill(email);
  await passwordInput(page).fill(password);
}

/** Creates an account through /register and checks the user lands on /pets, signed in. */
export async function registerViaUi(
  page: Page,
  email: string,
  password = PASSWORD,
  options: FormOptions = {},
): Promise<void> {
  await openForm(page, '/register', options);
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/pets');
  await expect(page.getByRole('heading', { name: 'My pets' })).toBeVisible();
}

/** Signs in on the /login page already open (keeps its ?redirect=). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await fillCredentials(page, email, password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Registers an account, then forgets the session, leaving a signed-out browser with a known account. */
export async function createAccount(
  page: Page,
  context: BrowserContext,
  email: string,
  options: FormOptions = {},
): Promise<void> {
  await registerViaUi(page, email, PASSWORD, options);
  await context.clearCookies();
}

/** The better-auth session cookie of a context (undefined when signed out). */
export async function sessionCookie(context: BrowserContext) {
  const cookies = await context.cookies();
  return cookies.find((cookie) => cookie.name.endsWith('session_token'));
}

/**
 * Asserts that `message` is shown inside an element referenced by the input's
 * aria-describedby (so assistive technology reads it with the field), and that the input is
 * marked invalid.
 */
export async function expectFieldError(page: Page, input: Locator, message: string): Promise<void> {
  await expect(input).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  expect(ids.length, 'the input has an aria-describedby').toBeGreaterThan(0);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  expect(texts.join('\n')).toContain(message);
  // And the user can see it.
  await expect(
    page.locator(ids.map((id) => `[id="${id}"]`).join(', ')).getByText(message, { exact: true }),
  ).toBeVisible();
}

/** Every visible form control has a visible, non-empty <label> that names it. */
export async function expectVisibleLabels(page: Page, expectedControls?: number): Promise<void> {
  const controls = page.locator('input:not([type="hidden"]), select, textarea');
  const count = await controls.count();
  if (expectedControls !== undefined) expect(count, 'number of form controls').toBe(expectedControls);
  for (let index = 0; index < count; index += 1) {
    const control = controls.nth(index);
    if (!(await control.isVisible())) continue;
    const id = await control.getAttribute('id');
    expect(id, `control #${index} has an id for its label`).toBeTruthy();
    const label = page.locator(`label[for="${id}"]`);
    await expect(label, `label of #${id}`).toBeVisible();
    const text = (await label.innerText()).trim();
    expect(text, `label of #${id} has text`).not.toBe('');
    await expect(control).toHaveAccessibleName(text);
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
