// Account recovery end to end, in a real browser against the production build, with the messages
// read back from a real SMTP server (MailDev): forgot password → the emailed link → a new password →
// signed in with it while the old sessions are dead (with and without JavaScript); registration →
// the verification notice → the emailed link → the notice is gone and /account says verified.
import { expect, type Page } from '@playwright/test';
import { uniqueEmail } from '../support/accounts';
import { expectNoAxeViolations } from '../support/e2e-axe';
import { PASSWORD, openForm, registerViaUi, submitLogin } from '../support/e2e-auth';
import { test } from '../support/e2e-browser-errors';
import { linkIn, waitForMail } from '../support/e2e-mail';

const NEW_PASSWORD = 'a brand new stable password';

// Each test spans several pages, two browsers and a round trip through the job queue and SMTP.
test.describe.configure({ timeout: 120_000 });
const LINK_SENT = "If an account exists for that address, we've sent a link. It works for 1 hour.";

async function askForResetLink(page: Page, email: string, { js = true } = {}): Promise<void> {
  await openForm(page, '/login', { js });
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL('/forgot-password');
  if (js)
    await page.waitForFunction(() =>
      Object.keys(document.querySelector('form')!).some((key) => key.startsWith('__react')),
    );
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status').getByText(LINK_SENT)).toBeVisible();
  // What was typed stays.
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
}

async function chooseNewPassword(page: Page, link: string, { js = true } = {}): Promise<void> {
  await openForm(page, link, { js });
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL('/login?reset=1');
  await expect(page.getByText('Your password was changed and every device was signed out.')).toBeVisible();
}

for (const js of [true, false]) {
  test(`forgot password → emailed link → new password: signed in with it, old sessions dead${js ? '' : ' (no JavaScript)'}`, async ({
    browser,
    browserErrors,
  }) => {
    const email = uniqueEmail(js ? 'reset-e2e' : 'reset-nojs');
    // The owner's old session on another device.
    const oldDevice = await browser.newContext();
    const oldPage = await oldDevice.newPage();
    browserErrors.watch(oldPage);
    await registerViaUi(oldPage, email);

    const context = await browser.newContext({ javaScriptEnabled: js });
    const forgetful = await context.newPage();
    browserErrors.watch(forgetful);
    try {
      await askForResetLink(forgetful, email, { js });
      const mail = await waitForMail(email, /^Reset your Pawprint password$/);
      await chooseNewPassword(forgetful, linkIn(mail, '/reset-password'), { js });
      await submitLogin(forgetful, email, NEW_PASSWORD);
      await expect(forgetful).toHaveURL('/pets');
      await expect(forgetful.getByRole('heading', { name: 'My pets' })).toBeVisible();

      await oldPage.goto('/pets');
      await expect(oldPage).toHaveURL('/login?redirect=%2Fpets');
      await submitLogin(oldPage, email, PASSWORD);
      await expect(oldPage.getByText('Email or password is incorrect')).toBeVisible();

      await waitForMail(email, /^Your Pawprint password was changed$/);
    } finally {
      await context.close();
      await oldDevice.close();
    }
  });
}

test('a used reset link says so and offers a new one', async ({ page }) => {
  const email = uniqueEmail('reset-used');
  await registerViaUi(page, email);
  await page.context().clearCookies();
  await askForResetLink(page, email);
  const link = linkIn(await waitForMail(email, /^Reset your Pawprint password$/), '/reset-password');
  await chooseNewPassword(page, link);

  await page.goto(link);
  await expect(page.getByText('This reset link has expired or was already used. Ask for a new one.')).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveCount(0);
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page).toHaveURL('/forgot-password');
  await expectNoAxeViolations(page);
});

test('registration → verification notice → the emailed link → the notice is gone, /account says verified', async ({
  page,
}) => {
  const email = uniqueEmail('verify-e2e');
  await registerViaUi(page, email);
  const notice = page.getByRole('region', { name: 'Please confirm your email address.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(email);
  await page.getByRole('link', { name: email }).click();
  await expect(page.getByText('Email not verified')).toBeVisible();

  await page.goto('/pets');
  await notice.getByRole('button', { name: 'Resend' }).click();
  await expect(notice.getByText(`We've sent a new link to ${email}. It works for 24 hours.`)).toBeVisible();
  const mail = await waitForMail(email, /^Confirm your email address for Pawprint$/, 2);

  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByText('Thank you: your email address is verified.')).toBeVisible();
  await page.getByRole('link', { name: 'Go to my pets' }).click();
  await expect(page.getByRole('heading', { name: 'My pets' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await page.goto('/account');
  await expect(page.getByText('Email verified', { exact: true })).toBeVisible();

  // The link is good once.
  await page.goto(linkIn(mail, '/verify-email'));
  await expect(page.getByText('This link was already used: your email address is verified.')).toBeVisible();
});

test('the verification notice can be dismissed without JavaScript, and stays away', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await registerViaUi(page, uniqueEmail('dismiss-e2e'), PASSWORD, { js: false });
    const notice = page.getByRole('region', { name: 'Please confirm your email address.' });
    await expect(notice).toBeVisible();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page).toHaveURL('/pets');
    await expect(page.getByRole('heading', { name: 'My pets' })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(notice).toHaveCount(0);
  } finally {
    await context.close();
  }
});
