// Secrets at rest and a reset that always completes. A database dump or a log taken while a reset
// link is live must not reset the password: the link's token is in the mail only (the job that
// carries the message holds it sealed), in no row of pg-boss's tables and in no log line. And a
// reset whose "password changed" message cannot be queued still completes: the password is the new
// one, every session is over, and the user is told so. A server of its own: mail to the outbox
// (chosen explicitly, as production requires), every log line kept (LOG_LEVEL=info).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxTokens } from '../support/outbox';
import { actionId, context, Ledger, messageOf } from './support/harness';
import { queueSettled, startOwnServer, type OwnServer } from './support/own-server';

const RESET_SUBJECT = /^Reset your Pawprint password$/;
const VERIFY_SUBJECT = /^Confirm your email address for Pawprint$/;

let server: OwnServer;

beforeAll(async () => {
  server = await startOwnServer('secrets', { MAIL_TRANSPORT: 'outbox', LOG_LEVEL: 'info' });
}, 180_000);

afterAll(async () => {
  await server?.db.query('drop trigger if exists refuse_mail on pgboss.job').catch(() => undefined);
  await server?.stop();
});

function recovery(name: string): string {
  const id = context().allActions[`src/actions/recovery.ts#${name}`];
  if (!id) throw new Error(`the build exposes no src/actions/recovery.ts#${name}`);
  return id;
}

async function registered(label: string, address: string) {
  const client = server.client(address);
  const email = `${label}-${randomBytes(4).toString('hex')}@security.example`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const call = await client.form(actionId('register'), { email, password }, { path: '/register' });
  expect(call.outcome.kind, JSON.stringify(call.outcome)).toBe('redirected');
  return { client, email, password };
}

async function resetToken(email: string, seen: string[] = []): Promise<string> {
  await server.client('127.0.0.80').form(recovery('requestPasswordReset'), { email }, { path: '/forgot-password' });
  let fresh: string[] = [];
  await vi.waitFor(
    () => {
      fresh = outboxTokens(server.dataDir, email, RESET_SUBJECT, '/reset-password').filter((t) => !seen.includes(t));
      expect(fresh.length).toBeGreaterThan(0);
    },
    { timeout: 30_000, interval: 200 },
  );
  return fresh[0]!;
}

/** The pg-boss tables (schema pgboss) whose rows, as text, contain `needle`. */
async function pgBossRowsWith(needle: string): Promise<string[]> {
  const { rows: tables } = await server.db.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'pgboss'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await server.db.query<{ hits: number }>(
      `select count(*)::int as hits from ${name} as t where t::text like '%' || $1 || '%'`,
      [needle],
    );
    if ((rows[0]?.hits ?? 0) > 0) found.push(`${name} (${rows[0]!.hits})`);
  }
  return found;
}

describe('secrets at rest', () => {
  it('a live reset or verification link is in no pg-boss row and no log line, and the mail still works', async () => {
    const ledger = new Ledger('Live links at rest (pg-boss tables, logs)');
    const victim = await registered('atrest', '127.0.0.81');
    const token = await resetToken(victim.email);
    // The owner opens the link: the request's own log line must not keep it either.
    const page = await server.client('127.0.0.82').request(`/reset-password?token=${encodeURIComponent(token)}`);
    expect(page.text).toContain('name="newPassword"');
    await queueSettled(server.db, ['send-mail', 'request-password-reset']);
    const [verification] = outboxTokens(server.dataDir, victim.email, VERIFY_SUBJECT, '/verify-email');
    expect(verification).toBeTruthy();

    for (const [what, secret] of [
      ['reset token', token],
      ['verification token', verification!],
    ] as const) {
      const rows = await pgBossRowsWith(secret);
      ledger.attempt(`${what} in pg-boss rows: ${rows.join(', ') || 'none'}`, rows.length === 0);
      const lines = server
        .log()
        .split('\n')
        .filter((line) => line.includes(secret));
      ledger.attempt(`${what} in log lines: ${lines.length}`, lines.length === 0);
    }
    const linkLines = server
      .log()
      .split('\n')
      .filter((line) => /\/reset-password\?|\/verify-email\?/.test(line));
    ledger.attempt(`log lines with a link: ${linkLines.length}`, linkLines.length === 0);

    // The link in the mail works.
    const reset = await server
      .client('127.0.0.82')
      .form(recovery('resetPassword'), { token, newPassword: 'a brand new password 1' }, { path: '/reset-password' });
    expect(reset.outcome).toEqual({ kind: 'redirected', location: '/login?reset=1' });
    const login = await server
      .client('127.0.0.82')
      .form(actionId('login'), { email: victim.email, password: 'a brand new password 1' }, { path: '/login' });
    expect(login.outcome.kind).toBe('redirected');
  });

  it('a reset completes and ends every session when the "password changed" message cannot be queued', async () => {
    const ledger = new Ledger('Reset while mail cannot be queued');
    const victim = await registered('nomail', '127.0.0.83');
    const token = await resetToken(victim.email);
    await queueSettled(server.db, ['send-mail', 'request-password-reset']);
    // From now on the queue refuses every message (a real failure of the insert, in the database).
    await server.db.query(`
      create or replace function public.refuse_mail() returns trigger language plpgsql as $$
      begin raise exception 'mail queue unavailable (test)'; end $$`);
    await server.db.query(`create trigger refuse_mail before insert on pgboss.job
      for each row when (new.name = 'send-mail') execute function public.refuse_mail()`);
    try {
      const reset = await server
        .client('127.0.0.84')
        .form(recovery('resetPassword'), { token, newPassword: 'reset without mail 2' }, { path: '/reset-password' });
      ledger.attempt(
        `reset with the mail queue down → ${reset.outcome.kind === 'redirected' ? reset.outcome.location : messageOf(reset)}`,
        reset.outcome.kind === 'redirected' && reset.outcome.location === '/login?reset=1',
        reset.response,
      );
      const before = await victim.client.action(actionId('getCurrentUser'), [], { path: '/pets' });
      ledger.attempt(
        'the session from before the reset is over',
        before.outcome.kind === 'returned' && before.outcome.value === null,
        before.response,
      );
      const login = await server
        .client('127.0.0.84')
        .form(actionId('login'), { email: victim.email, password: 'reset without mail 2' }, { path: '/login' });
      expect(login.outcome.kind).toBe('redirected');
    } finally {
      await server.db.query('drop trigger if exists refuse_mail on pgboss.job');
    }
  });
});
