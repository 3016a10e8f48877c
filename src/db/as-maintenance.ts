// Reads across accounts for the resume-stalled-work job (ADR 0020) and the reminder scan (ADR 0037): a
// transaction as app_maintenance, whose policies show only the rows that job needs (photos processing,
// exports queued or running, accounts with reminders on) and whose grants cover only the columns that
// find them. Read only by default; the one write it is granted is moving an account's next digest
// time (`user_preferences.next_digest_at`), which the reminder scan asks for with `{ write: true }`.
// Anything else a job changes, it changes as the row's own user through withUser.
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './client';

export async function asMaintenance<T>(
  database: Database,
  work: (tx: Transaction) => Promise<T>,
  { write = false }: { write?: boolean } = {},
): Promise<T> {
  return database.transaction(async (tx) => {
    // READ ONLY first: it must come before the transaction's first query.
    if (!write) await tx.execute(sql`set transaction read only`);
    await tx.execute(sql`select set_config('role', 'app_maintenance', true)`);
    return work(tx);
  });
}
