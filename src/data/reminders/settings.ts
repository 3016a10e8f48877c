// The account's reminder settings (ADR 0037): email reminders on or off and the local time of the
// daily digest, kept on its preferences row and written as that person under row-level security.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { userPreferences } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { DEFAULT_REMINDER_TIME } from '@/lib/reminders';
import type { SessionUser } from '../session';
import { refreshNextDigest } from './schedule';

export type ReminderSettings = { enabled: boolean; time: string };

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { enabled: false, time: DEFAULT_REMINDER_TIME };

export async function getReminderSettings(user: SessionUser): Promise<ReminderSettings> {
  const [row] = await withUser(db(), user.id, (tx) =>
    tx
      .select({ enabled: userPreferences.remindersEnabled, time: userPreferences.reminderTime })
      .from(userPreferences)
      .where(eq(userPreferences.userId, user.id)),
  );
  // `time` columns read as HH:MM:SS; the form and the mail speak HH:MM.
  return row ? { enabled: row.enabled, time: row.time.slice(0, 5) } : DEFAULT_REMINDER_SETTINGS;
}

/** Saves the settings and places the next digest accordingly (none while off). */
export async function saveReminderSettings(user: SessionUser, settings: ReminderSettings): Promise<void> {
  const values = { remindersEnabled: settings.enabled, reminderTime: settings.time };
  await withUser(db(), user.id, async (tx) => {
    await tx
      .insert(userPreferences)
      .values({ userId: user.id, ...values })
      .onConflictDoUpdate({ target: userPreferences.userId, set: { ...values, updatedAt: new Date() } });
    await refreshNextDigest(tx, user.id);
  });
}

/**
 * Turns reminders off for the account a verified unsubscribe link names (no session: the link is the
 * proof). An update only: an account without a preferences row has them off already, and one deleted
 * since the mail was sent has nothing left to change.
 */
export async function turnOffReminders(userId: string): Promise<void> {
  await withUser(db(), userId, (tx) =>
    tx
      .update(userPreferences)
      .set({ remindersEnabled: false, nextDigestAt: null, updatedAt: new Date() })
      .where(eq(userPreferences.userId, userId)),
  );
}
