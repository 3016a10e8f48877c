// Reads across accounts for the resume-stalled-work job (ADR 0020): a read-only transaction as
// app_maintenance, whose policies show only unfinished work (photos processing, exports queued or
// running) and whose grants cover only the columns that find it. Anything the job then changes, it
// changes as the row's own user through withUser.
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './client';

export async function asMaintenance<T>(database: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return database.transaction(async (tx) => {
    // READ ONLY first: it must come before the transaction's first query.
    await tx.execute(sql`set transaction read only`);
    await tx.execute(sql`select set_config('role', 'app_maintenance', true)`);
    return work(tx);
  });
}
