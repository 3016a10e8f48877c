// Accounts, end to end, as a user sees them: register, sign in and out, where sign-in sends you,
// the form's messages (server and instant), the pending state, the same without JavaScript,
// the rate limit, security headers and cookies, and accessibility (axe + visible labels).
// Every test makes its own account (uniqueEmail) against a server with a fresh database.
import { expectNoAxeViolations } from '../support/e2e-axe';
import { expect, type Page } from '@playwright/test';
import {
  PASSWORD,
  createAccount,
  emailInput,
  expectFieldError,
  expectVisibleLabels,
  fillCredentials,
  formBanner,
  openForm,
  passwordInput,
  registerViaUi,
  sessionCookie,
  submitAndSettle,
  submitButton,
  submitLogin,
} from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import { test } from '../support/e2e-browser-errors';
import { saveScreenshots } from '../support/e2e-screenshots';

// /pets/123 is no pet: after a sign-in that returns there, its 404 is expected.
test.beforeEach(({ browserErrors }) => browserErrors.allowNotFound(/^\/pets\/123$/));

const MESSAGES = {
  emailTaken: 'An account with this email already exists',
  invalidEmail: 'Please enter a valid email',
  shortPassword: 'Password must be at least 8 characters',
  incorrect: 'Email or password is incorrect',
  required: 'Email and password are required',
} as const;

const TOO_MANY = /^Too many attempts\. Try again in ([1-9]\d*) seconds?\.$/;

test.describe('register, log out, log in', () => {
  test('a new user lands on an empty /pets, logs out, is sent to /login by /pets, and logs back in', async ({
    page,
  }) => {
    const email = uniqueEmail('journey');
    await registerViaUi(page, email);

    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(email, { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/login');
    await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();

    await page.goto('/pets');
    await expect(page).toHaveURL('/login?redirect=%2Fpets');

    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL('/pets');
    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(email, { exact: true })).toBeVisible();
  });

  test('the session cookie is dead after logout, even when replayed in another browser', async ({
    page,
    context,
    browser,
  }) => {
    await registerViaUi(page, uniqueEmail('replay'));
    const cookie = await sessionCookie(context);
    expect(cookie, 'a session cookie after registering').toBeDefined();
    if (!cookie) return;

    // The saved cookie is a working session before logout (so the check below means something).
    const before = await browser.newContext();
    try {
      await before.addCookies([cookie]);
      const beforePage = await before.newPage();
      await beforePage.goto('/pets');
      await expect(beforePage).toHaveURL('/pets');
    } finally {
      await before.close();
    }

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/login');
    expect(await sessionCookie(context), 'logout clears the cookie').toBeUndefined();

    const after = await browser.newContext();
    try {
      await after.addCookies([cookie]);
      const afterPage = await after.newPage();
      await afterPage.goto('/pets');
      await expect(afterPage).toHaveURL('/login?redirect=%2Fpets');
      await expect(afterPage.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    } finally {
      await after.close();
    }
  });
});

test.describe('where sign-in sends you', () => {
  for (const target of ['/pets/123', '/pets?sort=name']) {
    test(`?redirect=${target} → the browser is at ${target} after sign-in`, async ({ page, context }) => {
      const email = uniqueEmail('redirect');
      await createAccount(page, context, email);
      await openForm(page, `/login?redirect=${encodeURIComponent(target)}`);
      await submitLogin(page, email, PASSWORD);
      // Unknown pet routes may 404 today: the URL is what counts here.
      await expect(page).toHaveURL(target);
    });
  }

  for (const attempt of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
    test(`open redirect ${attempt} → /pets`, async ({ page, context }) => {
      const email = uniqueEmail('openredirect');
      await createAccount(page, context, email);
      await openForm(page, `/login?redirect=${encodeURIComponent(attempt)}`);
      await submitLogin(page, email, PASSWORD);
      await expect(page).toHaveURL('/pets');
    });
  }

  test('a failed attempt keeps the redirect: the next, right attempt lands on it', async ({ page, context }) => {
    const email = uniqueEmail('redirectretry');
    await createAccount(page, context, email);
    await openForm(page, '/login?redirect=%2Fpets%2F123');
    await submitLogin(page, email, 'not the password');
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await passwordInput(page).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/pets/123');
  });

  test('a tampered redirect field in the form is refused by the action itself → /pets', async ({ page, context }) => {
    const email = uniqueEmail('tamper');
    await createAccount(page, context, email);
    await openForm(page, '/login?redirect=%2Fpets%2F123');
    await fillCredentials(page, email, PASSWORD);
    // After typing (React re-renders restore the field's value), as an attacker's page would post it.
    const redirectField = page.locator('input[type="hidden"][name="redirect"]');
    await redirectField.evaluate((input: HTMLInputElement) => {
      input.value = '//evil.example';
    });
    await expect(redirectField).toHaveValue('//evil.example');
    const posted = page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/login',
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await posted).postData(), 'the tampered value reached the server').toContain('//evil.example');
    await expect(page).toHaveURL('/pets');
  });
});

test.describe('form messages', () => {
  test('duplicate email → the message is tied to the email field', async ({ page, context }) => {
    const email = uniqueEmail('duplicate');
    await createAccount(page, context, email);

    await openForm(page, '/register');
    await fillCredentials(page, email, PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectFieldError(page, emailInput(page), MESSAGES.emailTaken);
    await expect(page).toHaveURL('/register');
    await expect(emailInput(page)).toHaveValue(email);
  });

  test('invalid email and short password are refused by the server (JavaScript on)', async ({ page }) => {
    await openForm(page, '/register');
    // Enter submits from inside the field: no blur, so the messages can only come from the server.
    await passwordInput(page).fill(PASSWORD);
    await emailInput(page).fill('not-an-email');
    await submitAndSettle(page, '/register', () => emailInput(page).press('Enter'));
    await expectFieldError(page, emailInput(page), MESSAGES.invalidEmail);
    await expect(emailInput(page)).toHaveValue('not-an-email');

    await emailInput(page).fill(uniqueEmail('shortpw'));
    await passwordInput(page).fill('short');
    await submitAndSettle(page, '/register', () => passwordInput(page).press('Enter'));
    await expectFieldError(page, passwordInput(page), MESSAGES.shortPassword);
    await expect(page).toHaveURL('/register');
  });

  test('invalid email and short password are flagged on blur, before any request', async ({ page }) => {
    await openForm(page, '/register');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });

    await emailInput(page).fill('not-an-email');
    await emailInput(page).blur();
    await expectFieldError(page, emailInput(page), MESSAGES.invalidEmail);

    await passwordInput(page).fill('short');
    await passwordInput(page).blur();
    await expectFieldError(page, passwordInput(page), MESSAGES.shortPassword);

    // Fixing the value clears the message as the user types.
    await emailInput(page).fill(uniqueEmail('fixed'));
    await expect(emailInput(page)).not.toHaveAttribute('aria-invalid', 'true');
    expect(posts, 'no request was sent').toEqual([]);
  });

  test('correcting a field after a server error clears its message', async ({ page }) => {
    // The server refuses a short password; the user then types a valid one and leaves the field.
    await openForm(page, '/register');
    await emailInput(page).fill(uniqueEmail('correct'));
    await passwordInput(page).fill('short');
    await submitAndSettle(page, '/register', () => passwordInput(page).press('Enter'));
    await expectFieldError(page, passwordInput(page), MESSAGES.shortPassword);

    await passwordInput(page).fill('a long enough password');
    await passwordInput(page).blur();
    await expect(page.getByText(MESSAGES.shortPassword)).toBeHidden();
    await expect(passwordInput(page)).not.toHaveAttribute('aria-invalid', 'true');

    // Same for the email the server called invalid.
    await emailInput(page).fill('not-an-email');
    await submitAndSettle(page, '/register', () => emailInput(page).press('Enter'));
    await expectFieldError(page, emailInput(page), MESSAGES.invalidEmail);
    await emailInput(page).fill(uniqueEmail('corrected'));
    await emailInput(page).blur();
    await expect(page.getByText(MESSAGES.invalidEmail)).toBeHidden();
    await expect(emailInput(page)).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('wrong password → "Email or password is incorrect", the email stays', async ({ page, context }) => {
    const email = uniqueEmail('wrongpw');
    await createAccount(page, context, email);
    await openForm(page, '/login');
    await submitLogin(page, email, 'not the password');
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await expect(emailInput(page)).toHaveValue(email);
    await expect(page).toHaveURL('/login');
  });

  test('unknown email → the same message as a wrong password', async ({ page }) => {
    const email = uniqueEmail('nobody');
    await openForm(page, '/login');
    await submitLogin(page, email, PASSWORD);
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await expect(emailInput(page)).toHaveValue(email);
  });

  test('empty fields → "Email and password are required"', async ({ page }) => {
    await openForm(page, '/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formBanner(page)).toHaveText(MESSAGES.required);

    const email = uniqueEmail('nopassword');
    await emailInput(page).fill(email);
    await submitAndSettle(page, '/login', () => page.getByRole('button', { name: 'Sign in' }).click());
    await expect(formBanner(page)).toHaveText(MESSAGES.required);
    await expect(emailInput(page)).toHaveValue(email);
  });
});

test.describe('pending state', () => {
  /** Holds the Server Action POST to `pathname` until the returned release() is called. */
  async function holdActionPost(page: Page, pathname: string): Promise<() => void> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(
      (url) => url.pathname === pathname,
      async (route) => {
        if (route.request().method() === 'POST') await gate;
        await route.continue();
      },
    );
    return release;
  }

  test('signing in: the button is disabled and says "Signing in…" while the action runs', async ({ page, context }) => {
    const email = uniqueEmail('pendinglogin');
    await createAccount(page, context, email);
    await openForm(page, '/login');
    const release = await holdActionPost(page, '/login');

    await submitLogin(page, email, PASSWORD);
    await expect(submitButton(page)).toBeDisabled();
    await expect(submitButton(page)).toHaveText('Signing in…');

    release();
    await expect(page).toHaveURL('/pets');
  });

  test('registering: the button is disabled and says "Creating account…" while the action runs', async ({ page }) => {
    await openForm(page, '/register');
    const release = await holdActionPost(page, '/register');

    await fillCredentials(page, uniqueEmail('pendingregister'), PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(submitButton(page)).toBeDisabled();
    await expect(submitButton(page)).toHaveText('Creating account…');

    release();
    await expect(page).toHaveURL('/pets');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('register, log out and log in work and land on /pets', async ({ page }) => {
    const email = uniqueEmail('nojs');
    await registerViaUi(page, email, PASSWORD, { js: false });
    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(email, { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/login');

    await page.goto('/pets');
    await expect(page).toHaveURL('/login?redirect=%2Fpets');
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL('/pets');
    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
  });

  test('a wrong password shows the message and keeps the email', async ({ page, context }) => {
    const email = uniqueEmail('nojswrong');
    await createAccount(page, context, email, { js: false });
    await openForm(page, '/login', { js: false });
    await submitLogin(page, email, 'not the password');
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await expect(emailInput(page)).toHaveValue(email);
  });

  test('?redirect= survives a failed attempt and is honoured by the next one', async ({ page, context }) => {
    const email = uniqueEmail('nojsredirect');
    await createAccount(page, context, email, { js: false });
    await openForm(page, '/login?redirect=%2Fpets%2F123', { js: false });
    await submitLogin(page, email, 'not the password');
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL('/pets/123');
  });

  test('open redirect //evil.example is refused without JavaScript too → /pets', async ({ page, context }) => {
    const email = uniqueEmail('nojsopen');
    await createAccount(page, context, email, { js: false });
    await openForm(page, `/login?redirect=${encodeURIComponent('//evil.example')}`, { js: false });
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL('/pets');
  });
});

test.describe('rate limit', () => {
  test('after 10 wrong passwords for one email, even the right one is refused with a wait time', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail('ratelimit');
    await createAccount(page, context, email);
    await openForm(page, '/login');
    await emailInput(page).fill(email);

    // The per-email limit from one address is 10 failures per window (RATE_LIMIT_LOGIN_PER_EMAIL).
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await passwordInput(page).fill(`wrong password ${attempt}`);
      await submitAndSettle(page, '/login', () => page.getByRole('button', { name: 'Sign in' }).click());
      await expect(formBanner(page), `attempt ${attempt}`).toHaveText(MESSAGES.incorrect);
    }

    await passwordInput(page).fill('wrong password 11');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formBanner(page)).toHaveText(TOO_MANY);

    await passwordInput(page).fill(PASSWORD);
    await submitAndSettle(page, '/login', () => page.getByRole('button', { name: 'Sign in' }).click());
    await expect(formBanner(page)).toHaveText(TOO_MANY);
    await expect(page).toHaveURL('/login');
    expect(await sessionCookie(context), 'no session was created').toBeUndefined();
  });
});

test.describe('security headers and cookies', () => {
  test('pages send a strict CSP, nosniff and a referrer policy', async ({ page }) => {
    const response = await page.goto('/login');
    expect(response?.status()).toBe(200);
    const headers = (await response?.allHeaders()) ?? {};

    const csp = headers['content-security-policy'];
    expect(csp, 'Content-Security-Policy').toBeTruthy();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy'], 'Referrer-Policy').toBeTruthy();
  });

  test('/pets is never cached and the session cookie is HttpOnly and SameSite=Lax', async ({ page, context }) => {
    await registerViaUi(page, uniqueEmail('headers'));
    const response = await page.goto('/pets');
    expect(response?.status()).toBe(200);
    const headers = (await response?.allHeaders()) ?? {};
    expect(headers['cache-control']).toContain('no-store');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const cookie = await sessionCookie(context);
    expect(cookie, 'session cookie').toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
  });
});

test.describe('accessibility', () => {
  test('/login has no axe violations and labelled fields', async ({ page }) => {
    await openForm(page, '/login');
    await expectNoAxeViolations(page);
    await expectVisibleLabels(page, 2);
    await saveScreenshots(page, 'login');
  });

  test('/login showing an error has no axe violations', async ({ page }) => {
    await openForm(page, '/login');
    await submitLogin(page, uniqueEmail('a11ylogin'), 'not the password');
    await expect(formBanner(page)).toHaveText(MESSAGES.incorrect);
    await expectNoAxeViolations(page);
    await expectVisibleLabels(page, 2);
  });

  test('/register has no axe violations and labelled fields', async ({ page }) => {
    await openForm(page, '/register');
    await expectNoAxeViolations(page);
    await expectVisibleLabels(page, 2);
  });

  test('/register showing validation errors has no axe violations', async ({ page }) => {
    await openForm(page, '/register');
    await passwordInput(page).fill('short');
    await emailInput(page).fill('not-an-email');
    await submitAndSettle(page, '/register', () => emailInput(page).press('Enter'));
    await expectFieldError(page, emailInput(page), MESSAGES.invalidEmail);
    await expectFieldError(page, passwordInput(page), MESSAGES.shortPassword);
    await expectNoAxeViolations(page);
    await expectVisibleLabels(page, 2);
    await saveScreenshots(page, 'register-errors');
  });

  test('/pets (empty) has no axe violations', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('a11ypets'));
    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectVisibleLabels(page);
    await saveScreenshots(page, 'pets-empty');
  });
});
