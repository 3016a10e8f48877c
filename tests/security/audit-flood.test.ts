// Audit-log flooding (issue 11, finding 4): hundreds of sign-in attempts at a victim's email from
// many addresses, no account needed. Every attempt is still counted, but in a few aggregated rows,
// and the victim's "Recent activity" still shows their own sign-in.
import { describe, expect, it, vi } from 'vitest';
import { actionId, clientFor, context, db, Ledger, messageOf, newAccount } from './support/harness';

const ATTEMPTS = 500;
const ADDRESSES = 50;
const AT_ONCE = 8;

describe('audit flooding', () => {
  it("keeps the victim's own events in view after hundreds of attempts at their email", async () => {
    const ledger = new Ledger(`Audit flood (${ATTEMPTS} sign-in attempts, ${ADDRESSES} addresses)`);
    const victim = await newAccount('flooded', '127.0.6.1');
    const signedIn = await clientFor(null, '127.0.6.1').form(
      actionId('login'),
      { email: victim.email, password: victim.password },
      { path: '/login' },
    );
    expect(signedIn.outcome.kind).toBe('redirected');

    let next = 0;
    const worker = async () => {
      while (next < ATTEMPTS) {
        const index = next++;
        const address = `127.0.6.${10 + (index % ADDRESSES)}`;
        const call = await clientFor(null, address).form(
          actionId('login'),
          { email: victim.email, password: `flood-${index}-guess` },
          { path: '/login' },
        );
        const message = messageOf(call);
        ledger.attempt(
          `attempt ${index + 1} → ${message}`,
          message === 'Email or password is incorrect' || message.startsWith('Too many attempts'),
          call.response,
        );
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));

    const { rows } = await db().query<{ event: string; count: number }>(
      'select event, count from audit_events where user_id = $1',
      [victim.userId],
    );
    const counted = rows.reduce((sum, row) => sum + row.count, 0);
    console.log(
      `audit flood: ${ATTEMPTS} attempts → ${rows.length} audit rows for the victim (counts sum to ${counted})`,
    );
    expect(rows.length).toBeLessThanOrEqual(2 + 2 * (ADDRESSES + 2));
    expect(counted).toBeGreaterThanOrEqual(ATTEMPTS);

    const page = await victim.client.request('/account');
    expect(page.status).toBe(200);
    const activity = page.text.slice(page.text.indexOf('Recent activity'));
    ledger.attempt("victim's /account still shows their own sign-in", activity.includes('Signed in'), page);
    expect(activity).toContain('Signed in');
    expect(activity).toContain('Account created');
  }, 600_000);

  it("folds reset links anyone can ask for into one line of the victim's Recent activity", async () => {
    const ledger = new Ledger('Audit flood (password reset requests)');
    const victim = await newAccount('resetflood', '127.0.6.70');
    const ask = context().allActions['src/actions/recovery.ts#requestPasswordReset']!;
    // As many as the per-email limit lets through (3 an hour), each from another address.
    for (let index = 0; index < 3; index++) {
      const call = await clientFor(null, `127.0.6.${71 + index}`).form(
        ask,
        { email: victim.email },
        { path: '/forgot-password' },
      );
      expect(messageOf(call)).toMatch(/^If an account exists/);
    }
    let rows: Array<{ count: number }> = [];
    await vi.waitFor(
      async () => {
        ({ rows } = await db().query<{ count: number }>(
          `select count from audit_events where user_id = $1 and event = 'account.password_reset_requested'`,
          [victim.userId],
        ));
        expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(3);
      },
      { timeout: 30_000, interval: 200 },
    );
    const page = await victim.client.request('/account');
    // The rendered list only (the page's inline RSC payload repeats it), without React's text separators.
    const list = page.text.slice(page.text.indexOf('Recent activity'));
    const activity = list.slice(0, list.indexOf('</ol>')).replaceAll('<!-- -->', '');
    const lines = activity.split('Password reset link sent').length - 1;
    ledger.attempt(
      `3 reset requests → ${rows.length} audit rows, ${lines} lines in Recent activity`,
      lines === 1,
      page,
    );
    expect(rows.length).toBe(1);
    expect(activity).toContain('Password reset link sent (3 times)');
  });
});
