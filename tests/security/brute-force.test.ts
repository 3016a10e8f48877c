// Password guessing: 50 wrong passwords for A's email from one address; the same against another
// account with a forged X-Forwarded-For on every request; a spray over many emails with forged
// X-Forwarded-For (the per-address limit). The limits are token buckets: past the threshold only
// the trickle they refill is checked. The owner signs in from elsewhere meanwhile, and at the
// guesser's address once the bucket has refilled.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actionId, clientFor, context, Ledger, sleep } from './support/harness';
import type { HttpClient } from '../support/http';

const TOO_MANY = /^Too many attempts\. Try again in (\d+) seconds?\.$/;
const INCORRECT = 'Email or password is incorrect';
const ATTEMPTS = 50;

function forgedAddress(): string {
  return `${1 + Math.floor(Math.random() * 222)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 254)}`;
}

async function guess(client: HttpClient, email: string, password: string, forge: boolean) {
  const headers = forge
    ? { 'x-forwarded-for': forgedAddress(), 'x-real-ip': forgedAddress(), forwarded: `for=${forgedAddress()}` }
    : {};
  const call = await client.form(actionId('login'), { email, password }, { path: '/login', headers });
  const message =
    call.outcome.kind === 'returned'
      ? ((call.outcome.value as { message?: string }).message ?? '')
      : `(${call.outcome.kind})`;
  return { ...call, message };
}

async function register(client: HttpClient): Promise<{ email: string; password: string }> {
  const email = `victim-${randomBytes(4).toString('hex')}@security.example`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const { outcome } = await client.form(actionId('register'), { email, password }, { path: '/register' });
  expect(outcome.kind).toBe('redirected');
  return { email, password };
}

describe('brute force', () => {
  const ledger = new Ledger('Brute force');

  it(`limits ${ATTEMPTS} wrong passwords per email and per address, forged X-Forwarded-For or not; the right password works after the window`, async () => {
    const { a, rateLimits } = context();
    // When every lock this test caused is over (from the waits the refusals announce).
    let locksEndAt = 0;
    const scenario = async (
      label: string,
      client: HttpClient,
      emails: () => string,
      threshold: number,
      periodSeconds: number,
      forge: boolean,
    ) => {
      let passedThreshold = 0;
      const started = Date.now();
      // What the bucket refilled since the attack began: the most that may still be checked.
      const refilled = () => Math.floor(((Date.now() - started) / 1000) * (threshold / periodSeconds));
      for (let index = 1; index <= ATTEMPTS; index++) {
        const result = await guess(client, emails(), `wrong-${index}-${randomBytes(3).toString('hex')}`, forge);
        const limited = TOO_MANY.exec(result.message);
        if (limited) locksEndAt = Math.max(locksEndAt, Date.now() + Number(limited[1]) * 1000);
        // Before the threshold the guess is checked (and fails); after it only the refill is.
        if (index > threshold && result.message === INCORRECT) passedThreshold++;
        const refused =
          index <= threshold
            ? result.message === INCORRECT || Boolean(limited)
            : Boolean(limited) || (result.message === INCORRECT && passedThreshold <= refilled());
        ledger.attempt(
          `${label} #${index} → ${result.message}`,
          refused && result.outcome.kind === 'returned',
          result.response,
        );
      }
      expect(passedThreshold, `${label}: more guesses checked than the bucket refilled`).toBeLessThanOrEqual(
        refilled(),
      );
    };

    // 1. A's email from one address.
    await scenario(
      "A's email, one address",
      clientFor(null, '127.0.0.11'),
      () => a.email,
      rateLimits.perEmail,
      rateLimits.windowSeconds,
      false,
    );
    // The guesser's failures count where they come from: A, from another address, is let in.
    const elsewhere = await guess(clientFor(null, '127.0.0.15'), a.email, a.password, false);
    ledger.attempt(
      `A's right password from another address during the attack → ${elsewhere.outcome.kind}`,
      elsewhere.outcome.kind === 'redirected',
      elsewhere.response,
      // A signed in sees her own pets: nothing of hers is a secret from her.
      { secrets: [] },
    );
    // 2. Another account, a forged X-Forwarded-For (and X-Real-IP, Forwarded) on every request.
    const victim = await register(clientFor(null, '127.0.0.14'));
    await scenario(
      'other email, forged X-Forwarded-For each time',
      clientFor(null, '127.0.0.12'),
      () => victim.email,
      rateLimits.perEmail,
      rateLimits.windowSeconds,
      true,
    );
    // 3. A password spray: a new email each time, forged X-Forwarded-For: the per-address limit.
    await scenario(
      'spray over new emails, forged X-Forwarded-For',
      clientFor(null, '127.0.0.13'),
      () => `spray-${randomBytes(5).toString('hex')}@security.example`,
      rateLimits.perAddress,
      rateLimits.addressWindowSeconds,
      true,
    );

    // …and works once the window has passed.
    await sleep(Math.max(0, locksEndAt - Date.now()) + 1500);
    const client = clientFor(null, '127.0.0.11');
    const { outcome } = await client.form(
      actionId('login'),
      { email: a.email, password: a.password },
      { path: '/login' },
    );
    expect(outcome, 'the right password works after the window').toMatchObject({
      kind: 'redirected',
      location: '/pets',
    });
    const victimLogin = await clientFor(null, '127.0.0.12').form(actionId('login'), victim, { path: '/login' });
    expect(victimLogin.outcome).toMatchObject({ kind: 'redirected' });
  }, 180_000);
});
