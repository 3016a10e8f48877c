// Account recovery against a real database and a real SMTP server (MailDev): the forgot-password
// request, the job that makes the link, the delivered message read back and its link followed, the
// reset (sessions revoked, "password changed" mail, audit), dead links; email verification on sign-up,
// "Resend" and the notice's dismissal. The process's own queue runs the app's real jobs.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changePassword } from '@/actions/account';
import { getCurrentUser, login, register } from '@/actions/auth';
import {
  dismissVerificationNotice,
  requestPasswordReset,
  resendVerificationEmail,
  resetPassword,
} from '@/actions/recovery';
import { db } from '@/db/client';
import { verifyEmailToken } from '@/data/auth';
import { getSessionUser } from '@/data/session';
import { requestPasswordResetHandler } from '@/jobs/handlers/request-password-reset';
import { sendMailHandler } from '@/jobs/handlers/send-mail';
import { startWorkers } from '@/jobs/workers';
import { resetEnvForTests } from '@/lib/env';
import { isVerificationNoticeDismissed } from '@/lib/verification-notice';
import { uniqueEmail } from '../support/accounts';
import { freePort, linkIn, messagesTo, startMailDev, type ReceivedMail, type SmtpServer } from '../support/maildev';
import { Browser, returned } from '../support/next-request';
import { signedIn } from '../support/signed-in';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new stable password';
const LINK_SENT = "If an account exists for that address, we've sent a link. It works for 1 hour.";
const LINK_INVALID = 'This reset link has expired or was already used. Ask for a new one.';

let smtp: SmtpServer;

beforeAll(async () => {
  smtp = await startMailDev(await freePort());
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.smtpPort}`;
  resetEnvForTests();
  await startWorkers({ jobs: [sendMailHandler, requestPasswordResetHandler], pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

/** The messages delivered to `to` so far. */
async function mailTo(to: string): Promise<ReceivedMail[]> {
  return messagesTo(await smtp.messages(), to);
}

/** Waits for the `count`-th message to `to` whose subject matches, and returns it. */
async function awaitMail(to: string, subject: RegExp, count = 1): Promise<ReceivedMail> {
  let found: ReceivedMail[] = [];
  await vi.waitFor(
    async () => {
      found = messagesTo(await smtp.messages(), to, subject);
      expect(found.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 20_000, interval: 200 },
  );
  return found[count - 1]!;
}

/** The token of the app link starting with `pathname` that a message carries. */
function tokenIn(mail: ReceivedMail, pathname: string): string {
  return new URL(linkIn(mail, pathname)).searchParams.get('token')!;
}

/** Waits until every request-password-reset job for `email` is done (the job decides, not the request). */
async function resetJobsDone(email: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const { rows } = (await db().execute(
        sql`select state from pgboss.job where name = ${requestPasswordResetHandler.name} and data->>'email' = ${email}`,
      )) as unknown as { rows: { state: string }[] };
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.state === 'completed')).toBe(true);
    },
    { timeout: 20_000, interval: 200 },
  );
}

async function askForReset(email: string, browser = new Browser()) {
  return returned(await browser.submit(requestPasswordReset, { email }));
}

async function resetLinkFor(email: string, count = 1): Promise<string> {
  const mail = await awaitMail(email, /^Reset your Pawprint password$/, count);
  return tokenIn(mail, '/reset-password');
}

async function account(label: string) {
  const email = uniqueEmail(label);
  const browser = new Browser();
  expect(await browser.submit(register, { email, password: PASSWORD })).toEqual({
    kind: 'redirected',
    location: '/pets',
  });
  return { email, browser };
}

async function signsIn(email: string, password: string): Promise<boolean> {
  const outcome = await new Browser().submit(login, { email, password });
  return outcome.kind === 'redirected';
}

describe('password reset', () => {
  it('forgot → the emailed link → a new password: every session ends, the old password is dead, a notice is mailed and audited', async () => {
    const { email, browser: oldSession } = await account('reset');
    const otherDevice = new Browser();
    expect(await otherDevice.submit(login, { email, password: PASSWORD })).toMatchObject({ kind: 'redirected' });

    expect(await askForReset(email.toUpperCase())).toEqual({
      success: true,
      message: LINK_SENT,
      values: { email: email.toUpperCase() },
    });
    const mail = await awaitMail(email, /^Reset your Pawprint password$/);
    expect(mail.html).toContain('Choose a new password</a>');
    const link = new URL(linkIn(mail, '/reset-password'));
    expect(link.origin).toBe('http://localhost:3000');

    const reset = await new Browser().submit(resetPassword, {
      token: link.searchParams.get('token')!,
      newPassword: NEW_PASSWORD,
    });
    expect(reset).toEqual({ kind: 'redirected', location: '/login?reset=1' });

    for (const session of [oldSession, otherDevice])
      expect(await session.call(() => getCurrentUser())).toEqual({ kind: 'returned', value: null });
    expect(await signsIn(email, PASSWORD)).toBe(false);
    expect(await signsIn(email, NEW_PASSWORD)).toBe(true);

    const changed = await awaitMail(email, /^Your Pawprint password was changed$/);
    expect(changed.text).toContain('every device was signed out');
    const { rows } = (await db().execute(
      sql`select e.event from audit_events e join users u on u.id = e.user_id where u.email = ${email} order by e.created_at`,
    )) as unknown as { rows: { event: string }[] };
    expect(rows.map((row) => row.event)).toEqual(
      expect.arrayContaining(['account.password_reset_requested', 'account.password_reset']),
    );
  });

  it('answers an unknown email exactly as a known one, and sends nothing for it', async () => {
    const { email: known } = await account('known');
    const unknown = uniqueEmail('nobody');
    const forKnown = await askForReset(known);
    const forUnknown = await askForReset(unknown);
    expect({ ...forUnknown, values: undefined }).toEqual({ ...forKnown, values: undefined });
    await resetJobsDone(unknown);
    await resetJobsDone(known);
    await awaitMail(known, /^Reset your Pawprint password$/);
    expect(await mailTo(unknown)).toEqual([]);
  });

  it('a link works once: used again, it changes nothing and says how to get a new one', async () => {
    const { email } = await account('replay');
    await askForReset(email);
    const token = await resetLinkFor(email);
    expect((await new Browser().submit(resetPassword, { token, newPassword: NEW_PASSWORD })).kind).toBe('redirected');
    const again = returned(
      await new Browser().submit(resetPassword, { token, newPassword: 'yet another password 42' }),
    );
    expect(again).toEqual({ success: false, message: LINK_INVALID, linkInvalid: true });
    expect(await signsIn(email, NEW_PASSWORD)).toBe(true);
  });

  it('using one link ends every other link still out; so does a change of password on the account page', async () => {
    const { email, browser } = await account('two-links');
    await askForReset(email);
    const first = await resetLinkFor(email, 1);
    await askForReset(email);
    const second = await resetLinkFor(email, 2);
    expect(await new Browser().submit(resetPassword, { token: first, newPassword: NEW_PASSWORD })).toEqual({
      kind: 'redirected',
      location: '/login?reset=1',
    });
    expect(
      returned(await new Browser().submit(resetPassword, { token: second, newPassword: 'yet another password 42' })),
    ).toEqual({ success: false, message: LINK_INVALID, linkInvalid: true });

    await askForReset(email);
    const third = await resetLinkFor(email, 3);
    expect(await browser.submit(login, { email, password: NEW_PASSWORD })).toMatchObject({ kind: 'redirected' });
    expect(
      returned(
        await browser.submit(changePassword, { currentPassword: NEW_PASSWORD, newPassword: 'changed on the page 7' }),
      ),
    ).toMatchObject({ success: true });
    expect(
      returned(await new Browser().submit(resetPassword, { token: third, newPassword: 'yet another password 42' })),
    ).toEqual({ success: false, message: LINK_INVALID, linkInvalid: true });
    expect(await signsIn(email, 'changed on the page 7')).toBe(true);
  });

  it('an expired or made-up link is refused with the same message', async () => {
    const { email } = await account('expired');
    await askForReset(email);
    const token = await resetLinkFor(email);
    // An hour has passed, as far as the stored token knows (it is kept hashed: found by its account).
    await db().execute(
      sql`update verifications set expires_at = now() - interval '1 second' where value = (select id::text from users where email = ${email})`,
    );
    for (const attempt of [token, 'x'.repeat(24), '', 'a'.repeat(300)]) {
      const outcome = returned(
        await new Browser().submit(resetPassword, { token: attempt, newPassword: NEW_PASSWORD }),
      );
      expect(outcome).toEqual({ success: false, message: LINK_INVALID, linkInvalid: true });
    }
    expect(await signsIn(email, PASSWORD)).toBe(true);
  });

  it('the new password follows the registration rules, and a refused one keeps the link usable', async () => {
    const { email } = await account('rules');
    await askForReset(email);
    const token = await resetLinkFor(email);
    const browser = new Browser();
    expect(returned(await browser.submit(resetPassword, { token, newPassword: 'short' }))).toMatchObject({
      success: false,
      errors: { newPassword: ['Password must be at least 8 characters'] },
    });
    expect(returned(await browser.submit(resetPassword, { token, newPassword: 'password123' }))).toMatchObject({
      success: false,
      errors: { newPassword: [expect.stringMatching(/common/i)] },
    });
    expect((await browser.submit(resetPassword, { token, newPassword: NEW_PASSWORD })).kind).toBe('redirected');
  });

  it('refuses a malformed email with the field message and keeps what was typed', async () => {
    expect(await askForReset('not-an-email')).toEqual({
      success: false,
      message: 'Validation failed',
      errors: { email: ['Please enter a valid email'] },
      values: { email: 'not-an-email' },
    });
  });

  it('is rate-limited per email (from any address) and per address (whatever the email)', async () => {
    const email = uniqueEmail('flood');
    for (let index = 0; index < 3; index++) expect((await askForReset(email)).success).toBe(true);
    const refused = await askForReset(email);
    expect(refused).toMatchObject({
      success: false,
      message: expect.stringMatching(/^Too many attempts\. Try again in \d+ seconds?\.$/),
    });

    const address = new Browser();
    for (let index = 0; index < 10; index++)
      expect((await askForReset(uniqueEmail('spray'), address)).success).toBe(true);
    expect(await askForReset(uniqueEmail('spray'), address)).toMatchObject({
      success: false,
      message: expect.stringMatching(/^Too many attempts/),
    });
  });

  it("asking for B's reset while signed in as A does nothing to A", async () => {
    const a = await signedIn('asker');
    const { email: bEmail } = await account('target');
    expect((await a.submit(requestPasswordReset, { email: bEmail })).kind).toBe('returned');
    await awaitMail(bEmail, /^Reset your Pawprint password$/);
    expect(await a.call(() => getCurrentUser())).toMatchObject({ kind: 'returned', value: { id: a.userId } });
  });
});

describe('email verification', () => {
  it('registration signs in at once and mails a link; following it verifies the address, once', async () => {
    const { email, browser } = await account('verify');
    expect(returned(await browser.call(() => getSessionUser()))).toMatchObject({ email, emailVerified: false });
    const mail = await awaitMail(email, /^Confirm your email address for Pawprint$/);
    const token = tokenIn(mail, '/verify-email');

    expect(await verifyEmailToken(token)).toEqual({ status: 'verified', userId: expect.any(String) });
    expect(returned(await browser.call(() => getSessionUser()))).toMatchObject({ emailVerified: true });
    expect(await verifyEmailToken(token)).toEqual({ status: 'already_used' });
    expect(await verifyEmailToken(`${token.slice(0, -4)}AAAA`)).toEqual({ status: 'invalid' });
    expect(await verifyEmailToken('garbage')).toEqual({ status: 'invalid' });
  });

  it('"Resend" mails a new link that works, at most 3 an hour', async () => {
    const { email, browser } = await account('resend');
    await awaitMail(email, /^Confirm your email address/);
    for (let index = 0; index < 3; index++)
      expect(returned(await browser.submit(resendVerificationEmail, {}))).toEqual({
        success: true,
        message: `We've sent a new link to ${email}. It works for 24 hours.`,
      });
    expect(returned(await browser.submit(resendVerificationEmail, {}))).toMatchObject({
      success: false,
      message: expect.stringMatching(/^You've reached the limit of 3 verification emails per hour/),
    });
    const latest = await awaitMail(email, /^Confirm your email address/, 4);
    expect((await verifyEmailToken(tokenIn(latest, '/verify-email'))).status).toBe('verified');
    expect(returned(await browser.submit(resendVerificationEmail, {}))).toEqual({
      success: true,
      message: 'Your email address is already verified.',
    });
  });

  it('"Dismiss" hides the notice for this account in this browser only', async () => {
    const user = await signedIn('dismiss');
    expect(await user.call(() => isVerificationNoticeDismissed(user.userId))).toEqual({
      kind: 'returned',
      value: false,
    });
    expect(await user.call(() => dismissVerificationNotice())).toEqual({ kind: 'redirected', location: '/pets' });
    expect(await user.call(() => isVerificationNoticeDismissed(user.userId))).toEqual({
      kind: 'returned',
      value: true,
    });
    const other = await signedIn('other');
    expect(await other.call(() => isVerificationNoticeDismissed(other.userId))).toEqual({
      kind: 'returned',
      value: false,
    });
  });
});

describe('a password changed on the account page', () => {
  it('mails the owner, so a change made with a stolen session does not go unnoticed', async () => {
    const owner = await signedIn('changes-password', PASSWORD);
    const me = returned(await owner.call(() => getCurrentUser()));
    const changed = returned(
      await owner.submit(changePassword, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    );
    expect(changed).toMatchObject({ success: true });
    const mail = await awaitMail(me!.email, /^Your Pawprint password was changed$/);
    expect(mail.text).toContain('on your account page');
    expect(mail.text).toMatch(/\/forgot-password/);
  });

  it('sends nothing when the current password was wrong', async () => {
    const owner = await signedIn('wrong-current', PASSWORD);
    const me = returned(await owner.call(() => getCurrentUser()));
    const refused = returned(
      await owner.submit(changePassword, { currentPassword: 'not the password', newPassword: NEW_PASSWORD }),
    );
    expect(refused).toMatchObject({ success: false });
    // A message to this address would only come from the change: the verification mail is another subject.
    await awaitMail(me!.email, /^Confirm your email address/);
    expect((await mailTo(me!.email)).map((mail) => mail.subject)).not.toContain('Your Pawprint password was changed');
  });
});
