// A calendar feed request carries no session, only the feed's secret token: this runs its lookup
// as app_user with the token's hash set, and the policy `calendar_feeds_select_by_token` shows the
// one row with that hash (ADR 0034). Nothing else is visible: no user is set.
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './client';

export async function withCalendarToken<T>(
  database: Database,
  tokenHash: string,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return database.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'app_user', true), set_config('app.calendar_token_hash', ${tokenHash}, true)`,
    );
    return work(tx);
  });
}
