// Mail bombing through the app: an account registered on someone else's address (never verified)
// makes the app mail that address again and again — "password changed" after every change, reset
// links, verification resends, and register → delete → register loops. Every message to one
// address spends from one budget (per hour, per day; smaller while the address is unverified):
// the victim's real inbox (MailDev, over SMTP) receives at most the budget, and the rest is
// dropped and recorded, never left queued. A server of its own: its inbox and counters are only this.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesTo } from '../support/maildev';
import { actionId, context, Ledger, messageOf } from './support/harness';
import { queueSettled, startOwnServerWithMail, type OwnServerWithMail } from './support/own-server';

const UNVERIFIED_PER_HOUR = 4;
const UNVERIFIED_PER_DAY = 6;

let server: OwnServerWithMail;

beforeAll(async () => {
  server = await startOwnServerWithMail('mailbudget', {
    // The attack is the mail, not password guessing: the password checks are not what stops it.
    RATE_LIMIT_LOGIN_PER_EMAIL: '1000',
    LOG_LEVEL: 'info',
    MAIL_BUDGET_UNVERIFIED_PER_HOUR: String(UNVERIFIED_PER_HOUR),
    MAIL_BUDGET_UNVERIFIED_PER_DAY: String(UNVERIFIED_PER_DAY),
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

function action(file: string, name: string): string {
  const id = context().allActions[`src/actions/${file}.ts#${name}`];
  if (!id) throw new Error(`the build exposes no src/actions/${file}.ts#${name}`);
  return id;
}

describe('mail budget per recipient', () => {
  it("an unverified account on someone else's address cannot flood that inbox", async () => {
    const ledger = new Ledger('Mail bombing through an unverified account');
    const victim = `Victim-${randomBytes(4).toString('hex')}@Security.example`;
    const attacker = server.client('127.0.0.70');
    let password = `pw-${randomBytes(8).toString('hex')}`;
    const register = async () => {
      const call = await attacker.form(actionId('register'), { email: victim, password }, { path: '/register' });
      expect(call.outcome.kind, JSON.stringify(call.outcome)).toBe('redirected');
    };
    await register();

    let sent = 1;
    for (let index = 0; index < 15; index++) {
      const next = `pw-${randomBytes(8).toString('hex')}`;
      const call = await attacker.form(
        action('account', 'changePassword'),
        { currentPassword: password, newPassword: next },
        { path: '/account' },
      );
      expect(messageOf(call)).toBe('Password changed. Other devices have been signed out.');
      password = next;
      sent++;
    }
    for (let index = 0; index < 3; index++) {
      await attacker.form(action('recovery', 'resendVerificationEmail'), {}, { path: '/pets' });
      sent++;
    }
    for (let index = 0; index < 3; index++) {
      // The address in another case: one recipient all the same.
      const email = index % 2 ? victim.toUpperCase() : victim.toLowerCase();
      await server.client(`127.0.0.${71 + index}`).form(
        action('recovery', 'requestPasswordReset'),
        { email },
        {
          path: '/forgot-password',
        },
      );
      sent++;
    }
    for (let index = 0; index < 5; index++) {
      const deleted = await attacker.form(
        actionId('deleteAccount'),
        { confirmEmail: victim, password },
        { path: '/account' },
      );
      expect(deleted.outcome.kind, JSON.stringify(deleted.outcome)).toBe('redirected');
      await register();
      sent++;
    }

    await queueSettled(server.db, ['send-mail', 'request-password-reset']);
    const inbox = messagesTo(await server.smtp.messages(), victim.toLowerCase());
    console.log(`mail budget: ${sent} messages caused for ${victim}, ${inbox.length} delivered`);
    ledger.attempt(
      `${sent} messages caused → ${inbox.length} delivered (budget ${UNVERIFIED_PER_HOUR} an hour)`,
      inbox.length <= UNVERIFIED_PER_HOUR,
    );
    expect(inbox.length).toBeGreaterThanOrEqual(1);
    expect(inbox.length).toBeLessThanOrEqual(UNVERIFIED_PER_HOUR);

    // Dropped, not parked: no mail job waits or failed, and each drop is on record without its link.
    const { rows } = await server.db.query<{ state: string; jobs: number }>(
      `select state::text, count(*)::int as jobs from pgboss.job where name = 'send-mail' group by state`,
    );
    expect(rows.filter((row) => row.state !== 'completed')).toEqual([]);
    const drops = server
      .log()
      .split('\n')
      .filter((line) => line.includes('"event":"mail.over_budget"'));
    expect(drops.length).toBeGreaterThanOrEqual(sent - UNVERIFIED_PER_HOUR);
    for (const line of drops) expect(line).not.toMatch(/token=|https?:\/\//);
  }, 300_000);
});
