// The daily reminder scan (ADR 0037): every minute, the accounts whose next digest time has come are
// found through `user_preferences_next_digest_idx` (reminders on, next_digest_at ≤ now), in batches,
// as app_maintenance (which sees only accounts with reminders on, only these columns). Per batch: one
// send-reminder-digest job per account and local day is added under its idempotency key
// `digest:<userId>:<localDate>` — before the time is moved on, so a crash in between only adds the
// same keys again (nothing) — then each account's next time is moved to its next local reminder time,
// unless the person changed their settings meanwhile (theirs stands).
import 'server-only';
import { and, asc, isNotNull, lte, sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { asMaintenance } from '@/db/as-maintenance';
import { userPreferences } from '@/db/schema';
import { localDateOf } from '@/lib/medication-schedule';
import { nextDigestAt } from '@/lib/reminders';
import { canonicalTimeZone } from '@/lib/time-zones';

/** Accounts per batch: one read, one bulk insert of jobs and one update each. */
export const SCAN_BATCH_SIZE = 1000;

/** A digest time missed by more than this (the app was down) is skipped: its "today" is long gone. */
export const STALE_DIGEST_MS = 12 * 60 * 60 * 1000;

export type DueDigest = { userId: string; localDate: string };

export type ScanReport = { due: number; sent: number; skippedStale: number };

/**
 * Finds every digest due at `now` and hands each batch to `send` (which adds the jobs, idempotently),
 * then moves those accounts on. Returns what it found.
 */
export async function scanDueDigests(
  send: (digests: DueDigest[]) => Promise<void>,
  now = new Date(),
): Promise<ScanReport> {
  const report: ScanReport = { due: 0, sent: 0, skippedStale: 0 };
  // One `now` for the whole scan: accounts sharing a zone and a time share their next digest time, and
  // the few hundred distinct pairs are placed once each rather than once per account.
  const nextTimes = new Map<string, Date>();
  const nextFor = (reminderTime: string, zone: string) => {
    const key = `${zone}|${reminderTime}`;
    let next = nextTimes.get(key);
    if (!next) nextTimes.set(key, (next = nextDigestAt(reminderTime, zone, now)));
    return next;
  };
  // Each batch moves its accounts past `now`, so the next read starts after them; the bound only
  // guards against a row that could not be moved (it would be read again and again).
  for (let batch = 0; batch < 10_000; batch++) {
    const rows = await asMaintenance(db(), (tx) =>
      tx
        .select({
          userId: userPreferences.userId,
          timeZone: userPreferences.timeZone,
          reminderTime: userPreferences.reminderTime,
          nextDigestAt: userPreferences.nextDigestAt,
        })
        .from(userPreferences)
        .where(
          and(
            userPreferences.remindersEnabled,
            isNotNull(userPreferences.nextDigestAt),
            lte(userPreferences.nextDigestAt, now),
          ),
        )
        .orderBy(asc(userPreferences.nextDigestAt))
        .limit(SCAN_BATCH_SIZE),
    );
    if (rows.length === 0) break;
    const moves = rows.map((row) => {
      const zone = canonicalTimeZone(row.timeZone) ?? 'UTC';
      const dueAt = row.nextDigestAt as Date;
      const stale = now.getTime() - dueAt.getTime() > STALE_DIGEST_MS;
      return {
        userId: row.userId,
        previous: dueAt,
        next: nextFor(row.reminderTime, zone),
        digest: stale ? null : { userId: row.userId, localDate: localDateOf(dueAt, zone) },
      };
    });
    const digests = moves.flatMap((move) => (move.digest ? [move.digest] : []));
    await send(digests);
    await asMaintenance(db(), (tx) => moveOn(tx, moves), { write: true });
    report.due += rows.length;
    report.sent += digests.length;
    report.skippedStale += rows.length - digests.length;
    if (rows.length < SCAN_BATCH_SIZE) break;
  }
  return report;
}

type Move = { userId: string; previous: Date; next: Date };

/** One statement per batch; a row whose time changed since it was read (the person saved new
 * settings, which placed it afresh) is left as they set it. */
async function moveOn(tx: Transaction, moves: Move[]): Promise<void> {
  const values = sql.join(
    moves.map(
      (move) =>
        sql`(${move.userId}::uuid, ${move.previous.toISOString()}::timestamptz, ${move.next.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update ${userPreferences} as p set next_digest_at = v.next
    from (values ${values}) as v(user_id, previous, next)
    where p.user_id = v.user_id and p.next_digest_at = v.previous and p.reminders_enabled`);
}
