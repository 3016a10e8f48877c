// Runs a unit of work as one user under row-level security (ADR 0003): a transaction in which
// the role is app_user and app.user_id is the user, both transaction-local so a pooled
// connection never carries them into the next request.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { isUuid } from '@/lib/uuid';
import type { Database, Transaction } from './client';

/** Marks the work inside a user transaction, so a job is never enqueued before that work commits.
 * On globalThis: the custom server and Next's bundle each load this module. */
const globalForScope = globalThis as unknown as { __pawprintUserTransaction?: AsyncLocalStorage<true> };
const insideUserTransaction = (globalForScope.__pawprintUserTransaction ??= new AsyncLocalStorage<true>());

export function isInsideUserTransaction(): boolean {
  return insideUserTransaction.getStore() === true;
}

/** Work as one user without a request (a job's run): its user, and a short transaction as that user. */
export type UserScope = {
  userId: string;
  asUser: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;
};

/**
 * Inside `work`, use only `tx`: the outer handle hangs on PGlite (one query at a time) and, on
 * PostgreSQL, silently runs outside row-level security. Resolve the session before calling this.
 */
export async function withUser<T>(
  database: Database,
  userId: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (!isUuid(userId)) throw new Error('withUser needs the verified user id (a UUID)');
  return insideUserTransaction.run(true, () =>
    database.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'app_user', true), set_config('app.user_id', ${userId}, true)`);
      return work(tx);
    }),
  );
}
