// A person's preferences (time zone, weight unit). Stand-in with the shared foundation's interface
// until it lands on main (the lead's version reads user_preferences and replaces this file).
import 'server-only';
import { cache } from 'react';
import type { Transaction } from '@/db/client';
import type { WeightUnit } from '@/lib/weight-units';
import type { SessionUser } from './session';

export type Preferences = { timeZone: string; weightUnit: WeightUnit };

export const DEFAULT_PREFERENCES: Preferences = { timeZone: 'UTC', weightUnit: 'kg' };

/** The preferences of `userId`, inside a transaction already running as that user. */
export async function preferencesIn(tx: Transaction, userId: string): Promise<Preferences> {
  void tx;
  void userId;
  return DEFAULT_PREFERENCES;
}

/** The signed-in person's preferences; cached per request. */
export const getPreferences = cache(async (user: SessionUser): Promise<Preferences> => {
  void user;
  return DEFAULT_PREFERENCES;
});
