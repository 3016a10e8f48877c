// Stand-in for the lead's foundation module of the same name (care-shared.md), with its exact
// interface, so this branch builds and tests before the foundation lands; main's version (stored
// preferences, the account page's form) replaces it. Until then every account has the defaults.
import 'server-only';
import { cache } from 'react';
import type { Transaction } from '@/db/client';
import type { WeightUnit } from '@/lib/weight-units';
import type { SessionUser } from './session';

export type Preferences = { timeZone: string; weightUnit: WeightUnit };

const DEFAULT_PREFERENCES: Preferences = { timeZone: 'UTC', weightUnit: 'kg' };

export const getPreferences = cache(async (user: SessionUser): Promise<Preferences> => {
  void user;
  return DEFAULT_PREFERENCES;
});

export async function preferencesIn(tx: Transaction, userId: string): Promise<Preferences> {
  void tx;
  void userId;
  return DEFAULT_PREFERENCES;
}
