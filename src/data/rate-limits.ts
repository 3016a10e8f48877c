// Rate-limit token buckets in Postgres (ADR 0004, ADR 0013): each consume is one atomic
// statement, so every instance behind a load balancer spends from the same bucket and a restart
// forgets nothing. A bucket refills continuously; a full bucket is the same as no row.
import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import type { RateLimitRule } from '@/lib/rate-limit';

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One consume in this many also deletes the buckets that are full again (no timer per process). */
const PRUNE_ONE_IN = 200;

type ConsumeRow = { spent: number | null; available: number | null };

function refillRate(rule: RateLimitRule): number {
  return rule.capacity / rule.periodSeconds;
}

/**
 * Takes `cost` tokens from the rule's bucket if it holds that many, in one statement: the upsert's
 * WHERE runs on the locked row, so concurrent attempts never spend the same token twice. A refusal
 * changes nothing and says when enough tokens will be there.
 */
export async function consumeRateLimit(rule: RateLimitRule, cost = 1): Promise<RateLimitVerdict> {
  const rate = refillRate(rule);
  const available = sql`least(${rule.capacity}::float8,
    bucket.tokens + greatest(0, extract(epoch from now() - bucket.updated_at))::float8 * ${rate}::float8)`;
  const result = (await db().execute(sql`
    with attempt as (
      insert into rate_limits as bucket (key, tokens, updated_at, full_at)
      values (${rule.key}, ${rule.capacity}::float8 - ${cost}::float8, now(),
              now() + make_interval(secs => ${cost}::float8 / ${rate}::float8))
      on conflict (key) do update set
        tokens = ${available} - ${cost}::float8,
        updated_at = now(),
        full_at = now() + make_interval(secs => (${rule.capacity}::float8 - (${available} - ${cost}::float8))
          / ${rate}::float8)
      where ${available} >= ${cost}::float8
      returning bucket.tokens
    )
    select (select tokens from attempt) as spent,
      (select ${available} from rate_limits as bucket where bucket.key = ${rule.key}) as available`)) as unknown as {
    rows: ConsumeRow[];
  };
  if (Math.random() * PRUNE_ONE_IN < 1) await pruneFullRateLimitBuckets();
  const row = result.rows[0];
  if (row && row.spent !== null) return { allowed: true };
  const missing = cost - Number(row?.available ?? 0);
  return { allowed: false, retryAfterSeconds: Math.max(1, missing / rate) };
}

/** Gives tokens back (an attempt that turned out not to count, e.g. a successful sign-in). */
export async function refundRateLimit(rule: RateLimitRule, tokens = 1): Promise<void> {
  const rate = refillRate(rule);
  await db().execute(sql`
    update rate_limits as bucket set
      tokens = least(${rule.capacity}::float8, bucket.tokens + ${tokens}::float8
        + greatest(0, extract(epoch from now() - bucket.updated_at))::float8 * ${rate}::float8),
      updated_at = now(),
      full_at = greatest(now(), bucket.full_at - make_interval(secs => ${tokens}::float8 / ${rate}::float8))
    where bucket.key = ${rule.key}`);
}

/** Fills a bucket up at once (the owner signed in: the failures before no longer count). */
export async function resetRateLimit(rule: RateLimitRule): Promise<void> {
  await db().execute(sql`delete from rate_limits where key = ${rule.key}`);
}

/**
 * Deletes buckets that have refilled completely: a missing row means a full bucket, so this
 * changes no verdict. Called now and then by consumeRateLimit; a scheduler may call it too.
 */
export async function pruneFullRateLimitBuckets(): Promise<number> {
  const result = (await db().execute(sql`delete from rate_limits where full_at <= now()`)) as unknown as {
    rowCount?: number | null;
    affectedRows?: number;
  };
  return result.rowCount ?? result.affectedRows ?? 0;
}
