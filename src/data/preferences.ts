// A person's preferences (time zone, weight unit): read with defaults when never set, written as
// that person under row-level security. The time zone decides their "today" and, with care
// records, when their schedules fall (ADR 0033).
import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { db, type Transaction } from '@/db/client';
import { userPreferences } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { canonicalTimeZone } from '@/lib/time-zones';
import type { WeightUnit } from '@/lib/weight-units';
import { refreshNextDoses } from './care/medications/records';
import { refreshNextDigest } from './reminders/schedule';
import type { SessionUser } from './session';

export type Preferences = { timeZone: string; weightUnit: WeightUnit };

export const DEFAULT_PREFERENCES: Preferences = { timeZone: 'UTC', weightUnit: 'kg' };

/** The preferences of `userId`, inside a transaction already running as that user. */
export async function preferencesIn(tx: Transaction, userId: string): Promise<Preferences> {
  const [row] = await tx
    .select({ timeZone: userPreferences.timeZone, weightUnit: userPreferences.weightUnit })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId));
  if (!row) return DEFAULT_PREFERENCES;
  // A zone the runtime no longer knows (its data dropped an alias) reads as UTC, never as an error.
  return { timeZone: canonicalTimeZone(row.timeZone) ?? DEFAULT_PREFERENCES.timeZone, weightUnit: row.weightUnit };
}

/** The signed-in person's preferences; cached per request (the layout and the page share one read). */
export const getPreferences = cache(async (user: SessionUser): Promise<Preferences> =>
  withUser(db(), user.id, (tx) => preferencesIn(tx, user.id)),
);

/**
 * Saves both preferences; the time zone must already be canonical (see canonicalTimeZone). A new
 * zone moves the stored next doses with it in the same transaction: the reminder scan and the due
 * items read them as instants.
 */
export async function updatePreferences(user: SessionUser, preferences: Preferences, now = new Date()): Promise<void> {
  await withUser(db(), user.id, async (tx) => {
    const before = await preferencesIn(tx, user.id);
    await savePreferences(tx, user.id, preferences);
    if (before.timeZone !== preferences.timeZone) await refreshNextDoses(tx, user.id, preferences.timeZone, now);
  });
}

/** The preferences of a newly created account: the time zone its browser reported, if it is a known one. */
export async function proposePreferences(tx: Transaction, userId: string, browserTimeZone: string): Promise<void> {
  const timeZone = canonicalTimeZone(browserTimeZone);
  if (timeZone) await savePreferences(tx, userId, { ...DEFAULT_PREFERENCES, timeZone });
}

async function savePreferences(tx: Transaction, userId: string, preferences: Preferences): Promise<void> {
  await tx
    .insert(userPreferences)
    .values({ userId, ...preferences })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { ...preferences, updatedAt: new Date() } });
  // The daily digest follows the zone: its next time moves with it (ADR 0037).
  await refreshNextDigest(tx, userId);
}
