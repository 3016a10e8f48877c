// Rate-limit counters in Postgres (ADR 0004): one atomic upsert per rule, so every instance
// behind a load balancer spends from the same counter and a restart forgets nothing.
import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { RateLimitRule } from '@/lib/rate-limit';

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type CounterRow = { count: number; reset_at: string | Date };

/** Spends one attempt from every rule; refused if any rule is over its limit. */
export async function consumeRateLimits(rules: RateLimitRule[]): Promise<RateLimitVerdict> {
  let refused = false;
  let retryAfterSeconds = 1;
  for (const rule of rules) {
    const result = (await db().execute(sql`
      insert into rate_limits (key, count, reset_at)
      values (${rule.key}, 1, now() + make_interval(secs => ${rule.windowSeconds}))
      on conflict (key) do update set
        count = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
        reset_at = case when rate_limits.reset_at <= now()
          then now() + make_interval(secs => ${rule.windowSeconds}) else rate_limits.reset_at end
      returning count, reset_at`)) as unknown as { rows: CounterRow[] };
    const row = result.rows[0];
    if (row && row.count > rule.max) {
      refused = true;
      const waitSeconds = (new Date(row.reset_at).getTime() - Date.now()) / 1000;
      retryAfterSeconds = Math.max(retryAfterSeconds, waitSeconds);
    }
  }
  return refused ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** Forgets a counter (a successful sign-in clears the per-email failures). */
export async function resetRateLimit(key: string): Promise<void> {
  await db().execute(sql`delete from rate_limits where key = ${key}`);
}

/** Drops expired counters so the table does not grow without bound. */
export async function pruneExpiredRateLimits(): Promise<void> {
  await db().execute(sql`delete from rate_limits where reset_at <= now()`);
}
