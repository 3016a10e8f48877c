// What one account may use (ADR 0013). Rates of heavy work (upload URLs, photo saves, new pets)
// are token buckets; totals are checked in the transaction that changes them, under a per-user
// lock, so two requests at once cannot both take the last byte or the last pet: photo storage is
// the stored photos' bytes (pets.photo_bytes) plus every upload handed out and not yet used or
// swept (upload_reservations, at the size the URL was signed for) plus the account's data export
// (data_exports.byte_size once ready; one per account) plus the vet visits' documents
// (visit_documents.byte_size, ADR 0036), against STORAGE_QUOTA_BYTES.
import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { uploadReservations } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { env } from '@/lib/env';
import {
  limitReachedMessage,
  petCountLimitMessage,
  RATE_LIMIT_RULES,
  storageFullMessage,
  USAGE_LIMIT_TEXT,
} from '@/lib/rate-limit';
import { requestContext } from '@/lib/request-context';
import { recordRefusal } from './audit';
import { consumeRateLimit } from './rate-limits';
import type { SessionUser } from './session';
import { SWEEP_GRACE_MS } from './sweep';

/** A limit of the account refused the request; nothing was changed. `field`: where the form shows it. */
export class UsageLimitError extends Error {
  override name = 'UsageLimitError';
  constructor(
    readonly userMessage: string,
    readonly field: 'image' | null,
  ) {
    super(userMessage);
  }
}

/** The sweep runs hourly and removes unused uploads older than its grace (data/sweep.ts). */
const SWEEP_PERIOD_MS = 60 * 60 * 1000;

type UsageRate = 'uploadUrls' | 'photoSaves' | 'petsCreated';

const RATE_RULES = {
  uploadUrls: RATE_LIMIT_RULES.uploadUrlsForUser,
  photoSaves: RATE_LIMIT_RULES.photoSavesForUser,
  petsCreated: RATE_LIMIT_RULES.petsCreatedForUser,
} as const;

/**
 * Spends one from each of the account's rate buckets named; on the first refusal, records it
 * (aggregated) and throws with "You've reached the limit of … — try again in N seconds."
 */
export async function spendUsageRates(user: SessionUser, rates: readonly UsageRate[]): Promise<void> {
  for (const rate of rates) {
    const rule = RATE_RULES[rate](user.id);
    const verdict = await consumeRateLimit(rule);
    if (verdict.allowed) continue;
    const { address, requestId } = await requestContext();
    await recordRefusal('usage.limited', { userId: user.id, address, requestId, detail: rate, counter: rule.key });
    const message = limitReachedMessage(USAGE_LIMIT_TEXT[rate](env()), verdict.retryAfterSeconds);
    throw new UsageLimitError(message, rate === 'petsCreated' ? null : 'image');
  }
}

/** Serializes the changes of one account's usage until the transaction ends. */
export async function lockUsage(tx: Transaction, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`usage:${userId}`}, 0))`);
}

async function storageUsed(tx: Transaction, userId: string): Promise<number> {
  const result = (await tx.execute(sql`
    select coalesce((select sum(photo_bytes) from pets where user_id = ${userId}), 0)
      + coalesce((select sum(bytes) from upload_reservations
                  where user_id = ${userId} and expires_at > now()), 0)
      + coalesce((select sum(byte_size) from data_exports
                  where user_id = ${userId} and status = 'ready'), 0)
      + coalesce((select sum(d.byte_size) from visit_documents d
                  join vet_visits v on v.id = d.visit_id join pets p on p.id = v.pet_id
                  where p.user_id = ${userId}), 0) as used`)) as unknown as {
    rows: { used: string | number }[];
  };
  return Number(result.rows[0]?.used ?? 0);
}

/** Whether the account's stored bytes and pending uploads, plus `extraBytes`, are within the quota. */
export async function storageLeft(tx: Transaction, userId: string, extraBytes = 0): Promise<boolean> {
  return (await storageUsed(tx, userId)) + extraBytes <= env().STORAGE_QUOTA_BYTES;
}

/** Throws "storage full" when the account's photos and pending uploads, plus `extraBytes`, exceed the quota. */
export async function assertStorageLeft(tx: Transaction, userId: string, extraBytes = 0): Promise<void> {
  if (!(await storageLeft(tx, userId, extraBytes)))
    throw new UsageLimitError(storageFullMessage(env().STORAGE_QUOTA_BYTES), 'image');
}

/** Throws when the account holds more than MAX_PETS_PER_ACCOUNT pets (`adding` more would be too many). */
export async function assertPetCountWithin(tx: Transaction, userId: string, adding = 0): Promise<void> {
  const max = env().MAX_PETS_PER_ACCOUNT;
  const result = (await tx.execute(sql`select count(*) as pets from pets where user_id = ${userId}`)) as unknown as {
    rows: { pets: string | number }[];
  };
  if (Number(result.rows[0]?.pets ?? 0) + adding > max) throw new UsageLimitError(petCountLimitMessage(max), null);
}

/** Before heavy work: refused at once when the storage is already full or the pets are at their maximum. */
export async function assertRoomFor(user: SessionUser, needs: { photo: boolean; pet: boolean }): Promise<void> {
  await withUser(db(), user.id, async (tx) => {
    if (needs.pet) await assertPetCountWithin(tx, user.id, 1);
    if (needs.photo) await assertStorageLeft(tx, user.id, 1);
  });
}

/**
 * Holds `bytes` of the quota for an upload URL, refused when they do not fit. The hold lasts
 * until a pet's photo is made from it (releaseUpload) or the sweep has surely removed it.
 */
export async function reserveUpload(user: SessionUser, storagePath: string, bytes: number): Promise<void> {
  const holdMs = SWEEP_GRACE_MS + SWEEP_PERIOD_MS + 5 * 60 * 1000;
  await withUser(db(), user.id, async (tx) => {
    await lockUsage(tx, user.id);
    // Expired holds no longer count; each account clears its own (row-level security allows no other).
    await tx.execute(sql`delete from upload_reservations where user_id = ${user.id} and expires_at <= now()`);
    await assertStorageLeft(tx, user.id, bytes);
    await tx.insert(uploadReservations).values({
      storagePath,
      userId: user.id,
      bytes,
      expiresAt: sql`now() + make_interval(secs => ${holdMs / 1000})`,
    });
  });
}

/** The upload became a pet's photo (in that row's transaction): its hold ends with it. */
export async function releaseUpload(tx: Transaction, userId: string, storagePath: string | null): Promise<void> {
  if (!storagePath) return;
  await tx.execute(sql`delete from upload_reservations where user_id = ${userId} and storage_path = ${storagePath}`);
}
