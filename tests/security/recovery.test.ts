// Account recovery under attack, over HTTP against the production build (its mail lands in the
// outbox, DATA_DIR/outbox, read back here): reset-token guessing (random tokens refused, then
// rate-limited), replay of a used reset token, a token used for another account, a reset asked for
// B from A's session, enumeration through the forgot-password answer and its timing, and replay of
// an email verification link. The no-JS forms are posted exactly as the pages render them.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ActionCall, HttpClient } from '../support/http';
import { hiddenFieldsOf, postNoJsForm } from '../support/no-js-form';
import { outboxTokens } from '../support/outbox';
import { actionId, clientFor, closeDbPool, context, db, Ledger, messageOf, newAccount } from './support/harness';

const LINK_SENT = "If an account exists for that address, we've sent a link. It works for 1 hour.";
const LINK_INVALID = 'This reset link has expired or was already used. Ask for a new one.';
const RESET_SUBJECT = /^Reset your Pawprint password$/;
const VERIFY_SUBJECT = /^Confirm your email address for Pawprint$/;

afterAll(closeDbPool);

/** A recovery action's id (they are not among the contract's names, so found by file). */
function recoveryAction(name: 'requestPasswordReset' | 'resetPassword'): string {
  const id = context().allActions[`src/actions/recovery.ts#${name}`];
  if (!id) throw new Error(`the build exposes no src/actions/recovery.ts#${name}`);
  return id;
}

/** A random token shaped like the library's (24 letters and digits). */
function randomToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(24), (byte) => alphabet[byte % alphabet.length]).join('');
}

function askForReset(client: HttpClient, email: string): Promise<ActionCall> {
  return client.form(recoveryAction('requestPasswordReset'), { email }, { path: '/forgot-password' });
}

function reset(client: HttpClient, token: string, newPassword: string, extra: Record<string, string> = {}) {
  return client.form(recoveryAction('resetPassword'), { token, newPassword, ...extra }, { path: '/reset-password' });
}

/** Waits until a new message of `subject` to `to` is in the outbox; returns its token. */
async function awaitToken(to: string, subject: RegExp, pathname: string, seen: string[] = []): Promise<string> {
  let fresh: string[] = [];
  await vi.waitFor(
    () => {
      fresh = outboxTokens(context().dataDir, to, subject, pathname).filter((token) => !seen.includes(token));
      expect(fresh.length).toBeGreaterThan(0);
    },
    { timeout: 30_000, interval: 200 },
  );
  return fresh[0]!;
}

async function signsIn(email: string, password: string, address: string): Promise<boolean> {
  const { outcome } = await clientFor(null, address).form(actionId('login'), { email, password }, { path: '/login' });
  return outcome.kind === 'redirected';
}

async function passwordHash(userId: string): Promise<string> {
  const { rows } = await db().query(`select password from accounts where user_id = $1`, [userId]);
  return String(rows[0]?.password);
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('password reset', () => {
  it('random reset tokens are refused, then rate-limited, and change no password', async () => {
    const ledger = new Ledger('Reset-token guessing');
    const { a } = context();
    const before = await passwordHash(a.userId);
    const guesser = clientFor(null, '127.0.0.51');
    let limited = 0;
    for (let index = 0; index < 14; index++) {
      const { response, outcome } = await reset(guesser, randomToken(), `guess-${randomBytes(6).toString('hex')}`);
      const message = messageOf({ outcome });
      if (/^Too many attempts/.test(message)) limited++;
      ledger.attempt(
        `random token #${index + 1} → ${message}`,
        outcome.kind === 'returned' && (message === LINK_INVALID || /^Too many attempts/.test(message)),
        response,
      );
    }
    // The default limit: 10 tries per address per 5 minutes.
    expect(limited).toBe(4);
    // From another address: the guesser's own bucket is spent, for the page too (next test).
    const page = await clientFor(null, '127.0.0.50').request(`/reset-password?token=${randomToken()}`, {
      headers: { accept: 'text/html' },
    });
    ledger.attempt(
      'GET /reset-password with a random token shows no form',
      !page.text.includes('name="newPassword"'),
      page,
    );
    expect(page.text).toContain(LINK_INVALID);
    expect(await passwordHash(a.userId)).toBe(before);
  });

  it('GET /reset-password, which tells whether a token works, is rate-limited like the reset itself', async () => {
    const ledger = new Ledger('Reset-token guessing through the page');
    const guesser = clientFor(null, '127.0.0.58');
    const answers: string[] = [];
    for (let index = 0; index < 12; index++) {
      const page = await guesser.request(`/reset-password?token=${randomToken()}`, {
        headers: { accept: 'text/html' },
      });
      const limited = /Too many attempts\. Try again in \d+ seconds?\./.test(page.text);
      answers.push(limited ? 'limited' : page.text.includes(LINK_INVALID) ? 'invalid' : 'other');
      ledger.attempt(
        `GET with random token #${index + 1} → ${answers.at(-1)}`,
        !page.text.includes('name="newPassword"'),
        page,
      );
    }
    // The default limit: 10 token checks per address per 5 minutes, pages and submits alike.
    expect(answers).toEqual([...Array(10).fill('invalid'), 'limited', 'limited']);
    // The submit from that address is refused the same way.
    const submit = await reset(guesser, randomToken(), `guess-${randomBytes(6).toString('hex')}`);
    expect(messageOf(submit)).toMatch(/^Too many attempts/);
  });

  it('using one reset link, or changing the password, ends every other outstanding link', async () => {
    const ledger = new Ledger('Outstanding reset links after a reset or a change');
    const victim = await newAccount('twolinks', '127.0.0.59');
    await askForReset(clientFor(null, '127.0.0.59'), victim.email);
    const first = await awaitToken(victim.email, RESET_SUBJECT, '/reset-password');
    await askForReset(clientFor(null, '127.0.0.59'), victim.email);
    const second = await awaitToken(victim.email, RESET_SUBJECT, '/reset-password', [first]);

    const used = await reset(clientFor(null, '127.0.0.60'), first, 'first new password 3');
    expect(used.outcome).toEqual({ kind: 'redirected', location: '/login?reset=1' });
    /** A link that must be dead by now: used, it is refused with the invalid-link message. */
    const refusedLink = async (label: string, token: string, address: string) => {
      const call = await reset(clientFor(null, address), token, `never set ${randomBytes(4).toString('hex')}`);
      ledger.attempt(
        `${label} → ${messageOf(call) || call.outcome.kind}`,
        messageOf(call) === LINK_INVALID,
        call.response,
      );
    };
    await refusedLink('the other link after a reset', second, '127.0.0.60');
    expect(await signsIn(victim.email, 'first new password 3', '127.0.0.61')).toBe(true);

    // A link asked for before a change of password on /account dies with the change.
    await askForReset(clientFor(null, '127.0.0.59'), victim.email);
    const third = await awaitToken(victim.email, RESET_SUBJECT, '/reset-password', [first, second]);
    const owner = clientFor(null, '127.0.0.61');
    await owner.form(actionId('login'), { email: victim.email, password: 'first new password 3' }, { path: '/login' });
    const changed = await owner.form(
      context().allActions['src/actions/account.ts#changePassword']!,
      { currentPassword: 'first new password 3', newPassword: 'changed on the page 5' },
      { path: '/account' },
    );
    expect(messageOf(changed)).toBe('Password changed. Other devices have been signed out.');
    await refusedLink('a link from before the change', third, '127.0.0.62');
    expect(await signsIn(victim.email, 'changed on the page 5', '127.0.0.61')).toBe(true);
  });

  it('a used reset token cannot be replayed; the no-JS forms work', async () => {
    const ledger = new Ledger('Reset-token replay');
    const victim = await newAccount('replay', '127.0.0.52');
    const visitor = clientFor(null, '127.0.0.52');
    // The forgot-password page's own no-JS form.
    const forgot = await postNoJsForm(visitor, '/forgot-password', [
      ...(await hiddenFieldsOf(visitor, '/forgot-password', 'Send reset link')),
      ['email', victim.email],
    ]);
    expect(forgot.status).toBe(200);
    expect(forgot.text).toContain(LINK_SENT.replace("'", '&#x27;'));
    const token = await awaitToken(victim.email, RESET_SUBJECT, '/reset-password');

    const page = `/reset-password?token=${encodeURIComponent(token)}`;
    const used = await postNoJsForm(visitor, page, [
      ...(await hiddenFieldsOf(visitor, page, 'Set new password')),
      ['newPassword', 'first new password 1'],
    ]);
    expect(used.status).toBe(303);
    expect(used.headers.location).toBe('/login?reset=1');
    expect(await signsIn(victim.email, 'first new password 1', '127.0.0.53')).toBe(true);
    // The session the victim had before the reset is over.
    const before = await victim.client.action(actionId('getCurrentUser'), [], { path: '/pets' });
    expect(before.outcome).toEqual({ kind: 'returned', value: null });

    const replay = await reset(clientFor(null, '127.0.0.54'), token, 'second new password 2');
    ledger.attempt(`replayed token → ${messageOf(replay)}`, messageOf(replay) === LINK_INVALID, replay.response);
    const page2 = await visitor.request(page, { headers: { accept: 'text/html' } });
    ledger.attempt('GET of the used link shows no form', !page2.text.includes('name="newPassword"'), page2);
    expect(await signsIn(victim.email, 'second new password 2', '127.0.0.53')).toBe(false);
  });

  it("a token resets only its own account, and a reset asked for B from A's session does nothing to A", async () => {
    const ledger = new Ledger('Reset for another account');
    const mallory = await newAccount('mallory', '127.0.0.55');
    const bob = await newAccount('bobby', '127.0.0.56');
    const bobHash = await passwordHash(bob.userId);

    // From Mallory's session, a reset for Bob: the link goes to Bob's address only; Mallory is untouched.
    const asked = await askForReset(mallory.client, bob.email);
    expect(messageOf(asked)).toBe(LINK_SENT);
    await awaitToken(bob.email, RESET_SUBJECT, '/reset-password');
    const me = await mallory.client.action(actionId('getCurrentUser'), [], { path: '/pets' });
    ledger.attempt(
      "reset asked for B from A's session: A still signed in as A",
      me.outcome.kind === 'returned' && (me.outcome.value as { id?: string } | null)?.id === mallory.userId,
      [asked.response, me.response],
    );
    expect(await signsIn(mallory.email, mallory.password, '127.0.0.57')).toBe(true);

    // Mallory's own token, with Bob's identity smuggled beside it, resets Mallory's password only.
    await askForReset(clientFor(null, '127.0.0.55'), mallory.email);
    const token = await awaitToken(mallory.email, RESET_SUBJECT, '/reset-password');
    const smuggled = await reset(clientFor(null, '127.0.0.55'), token, 'mallory owns this now 9', {
      email: bob.email,
      userId: bob.userId,
    });
    expect(smuggled.outcome.kind).toBe('redirected');
    ledger.attempt(
      "A's token with B's email and id smuggled in: B's password unchanged",
      (await passwordHash(bob.userId)) === bobHash,
      smuggled.response,
    );
    expect(await signsIn(bob.email, bob.password, '127.0.0.57')).toBe(true);
    expect(await signsIn(bob.email, 'mallory owns this now 9', '127.0.0.57')).toBe(false);
  });

  it('answers an existing and an unknown email alike, in time distributions that match', async () => {
    const ledger = new Ledger('Enumeration (forgot password)');
    const tries = 12;
    // Known accounts: each asked for at most 3 times (the per-email limit).
    const known: string[] = [];
    for (let index = 0; index < tries / 3; index++) known.push((await newAccount(`enum${index}`, '127.0.0.58')).email);
    const knownEmail = (index: number) => known[Math.floor(index / 3)]!;
    const unknownEmail = () => `nobody-${randomBytes(6).toString('hex')}@security.example`;
    // Each pair from an address of its own, so the per-address limit stays out of it.
    const attempt = (email: string, index: number) => askForReset(clientFor(null, `127.0.3.${index + 1}`), email);

    await attempt(unknownEmail(), 100);
    await attempt(unknownEmail(), 101);
    const timings = { known: [] as number[], unknown: [] as number[] };
    const answers = { known: new Set<string>(), unknown: new Set<string>() };
    for (let index = 0; index < tries; index++) {
      for (const kind of index % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const { response, outcome } = await attempt(kind === 'known' ? knownEmail(index) : unknownEmail(), index);
        timings[kind].push(response.ms);
        const value = outcome.kind === 'returned' ? (outcome.value as { success: boolean; message: string }) : null;
        const answer = `${response.status} ${value?.success} ${value?.message}`;
        answers[kind].add(answer);
        ledger.attempt(`${kind} email → ${answer}`, value?.success === true && value.message === LINK_SENT, response);
      }
    }
    expect([...answers.unknown]).toEqual([...answers.known]);
    const [known50, unknown50] = [median(timings.known), median(timings.unknown)];
    const ratio = Math.max(known50, unknown50) / Math.min(known50, unknown50);
    // How often a known email was the slower of a pair: near half when the times cannot tell them apart.
    const knownSlower = timings.known.filter((ms, index) => ms > timings.unknown[index]!).length;
    console.log(
      `forgot-password timing: existing email median ${known50.toFixed(1)} ms, unknown ${unknown50.toFixed(1)} ms, ratio ${ratio.toFixed(2)}×; existing slower in ${knownSlower}/${tries} pairs`,
    );
    ledger.attempt(
      `timing medians ${known50.toFixed(0)} ms vs ${unknown50.toFixed(0)} ms (ratio ${ratio.toFixed(2)}×, limit 2×); existing slower in ${knownSlower}/${tries} pairs (limit ${tries - 1})`,
      ratio <= 2 && knownSlower < tries && knownSlower > 0,
    );
  });
});

describe('email verification', () => {
  it('a verification link works once; replayed or tampered, it verifies nothing', async () => {
    const ledger = new Ledger('Verification link replay');
    const user = await newAccount('verify', '127.0.0.59');
    const other = await newAccount('verify-other', '127.0.0.59');
    const token = await awaitToken(user.email, VERIFY_SUBJECT, '/verify-email');
    const visitor = clientFor(null, '127.0.0.59');
    const verified = async (userId: string) =>
      (await db().query('select email_verified from users where id = $1', [userId])).rows[0]?.email_verified;

    const first = await visitor.request(`/verify-email?token=${encodeURIComponent(token)}`, {
      headers: { accept: 'text/html' },
    });
    expect(first.text).toContain('Thank you: your email address is verified.');
    expect(await verified(user.userId)).toBe(true);

    const replay = await visitor.request(`/verify-email?token=${encodeURIComponent(token)}`, {
      headers: { accept: 'text/html' },
    });
    ledger.attempt(
      'replayed verification link → "already used"',
      replay.text.includes('This link was already used') && !replay.text.includes('Thank you'),
      replay,
    );
    const [head, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ email: other.email, userId: other.userId })).toString(
      'base64url',
    );
    for (const [label, forged] of [
      ['payload swapped for another account', `${head}.${forgedPayload}.${signature}`],
      ['signature altered', `${token.slice(0, -3)}AAA`],
      ['garbage', randomToken()],
    ] as const) {
      const response = await visitor.request(`/verify-email?token=${encodeURIComponent(forged)}`, {
        headers: { accept: 'text/html' },
      });
      ledger.attempt(`${label} → refused`, response.text.includes('This link is not valid'), response);
    }
    expect(await verified(other.userId)).toBe(false);
  });
});
