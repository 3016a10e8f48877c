// When an account's next digest is due (ADR 0037): `next_digest_at` is its reminder time's next instant
// in its zone, or null while reminders are off. Recomputed inside the transaction that changes what it
// follows — the time, the zone or the switch — so the scan never sends at a time the person left.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { userPreferences } from '@/db/schema';
import { nextDigestAt } from '@/lib/reminders';
import { canonicalTimeZone } from '@/lib/time-zones';

/** Sets the account's next digest time from its saved settings (as that user, under RLS). */
export async function refreshNextDigest(tx: Transaction, userId: string, now = new Date()): Promise<void> {
  const [row] = await tx
    .select({
      enabled: userPreferences.remindersEnabled,
      reminderTime: userPreferences.reminderTime,
      timeZone: userPreferences.timeZone,
    })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId));
  if (!row) return;
  const zone = canonicalTimeZone(row.timeZone) ?? 'UTC';
  await tx
    .update(userPreferences)
    .set({ nextDigestAt: row.enabled ? nextDigestAt(row.reminderTime, zone, now) : null })
    .where(eq(userPreferences.userId, userId));
}
