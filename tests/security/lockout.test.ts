// Limits that hurt honest users more than attackers (issue 11, finding 5): sixty correct sign-ins
// from one shared address, the owner's right password from another address while a guesser is
// locked out at theirs, and a class of thirty registering together behind one NAT (Supabase
// Auth's default: 30 per 5 minutes per address). None may be refused.
import { describe, expect, it } from 'vitest';
import { actionId, clientFor, Ledger, messageOf, newAccount } from './support/harness';

const TOO_MANY = /^Too many attempts\. Try again in \d+ seconds?\.$/;

describe('lockouts', () => {
  it('never refuses correct sign-ins from a shared address (successes do not count)', async () => {
    const ledger = new Ledger('Lockout: 60 correct sign-ins from one address');
    const accounts = [];
    for (let index = 0; index < 6; index++) accounts.push(await newAccount(`nat${index}`, `127.0.5.${10 + index}`));
    const shared = '127.0.5.1';
    let refused = 0;
    for (let round = 0; round < 10; round++) {
      for (const account of accounts) {
        const call = await clientFor(null, shared).form(
          actionId('login'),
          { email: account.email, password: account.password },
          { path: '/login' },
        );
        const ok = call.outcome.kind === 'redirected';
        if (!ok) refused++;
        // "refused" in the ledger: the app behaved as it should (let the owner in).
        ledger.attempt(`sign-in ${round * 6 + accounts.indexOf(account) + 1} → ${ok ? 'in' : messageOf(call)}`, ok, [
          call.response,
        ]);
      }
    }
    expect(refused).toBe(0);
  }, 300_000);

  it('lets the owner in from another address while a guesser is refused at theirs', async () => {
    const ledger = new Ledger('Lockout: owner during a guessing attack');
    const owner = await newAccount('owner', '127.0.5.20');
    const guesser = clientFor(null, '127.0.5.21');
    let lastMessage = '';
    for (let attempt = 1; attempt <= 12; attempt++) {
      const call = await guesser.form(
        actionId('login'),
        { email: owner.email, password: `wrong-${attempt}-guess` },
        { path: '/login' },
      );
      lastMessage = messageOf(call);
      ledger.attempt(`guess ${attempt} → ${lastMessage}`, call.outcome.kind === 'returned', call.response);
    }
    expect(lastMessage).toMatch(TOO_MANY);
    const fromElsewhere = await clientFor(null, '127.0.5.22').form(
      actionId('login'),
      { email: owner.email, password: owner.password },
      { path: '/login' },
    );
    ledger.attempt(
      `owner's right password from a new address → ${fromElsewhere.outcome.kind}`,
      fromElsewhere.outcome.kind === 'redirected',
      fromElsewhere.response,
    );
    expect(fromElsewhere.outcome).toMatchObject({ kind: 'redirected', location: '/pets' });
  }, 300_000);

  it('lets a class of 30 register from one address at once', async () => {
    const ledger = new Ledger('Lockout: 30 registrations behind one NAT');
    let refused = 0;
    for (let index = 0; index < 30; index++) {
      const email = `pupil${index}-${Date.now().toString(36)}@security.example`;
      const call = await clientFor(null, '127.0.5.30').form(
        actionId('register'),
        { email, password: `pupil-${index}-secret-pass` },
        { path: '/register' },
      );
      const ok = call.outcome.kind === 'redirected';
      if (!ok) refused++;
      ledger.attempt(`registration ${index + 1} → ${ok ? 'created' : messageOf(call)}`, ok, call.response);
    }
    expect(refused).toBe(0);
  }, 300_000);
});
