// The account's preferences (time zone, weight unit). Stand-in for the lead's module of the same
// interface on main (care-shared.md): until it lands, every account has the defaults.
import 'server-only';
import { cache } from 'react';
import type { Transaction } from '@/db/client';
import type { WeightUnit } from '@/lib/weight-units';
import type { SessionUser } from './session';

export type Preferences = { timeZone: string; weightUnit: WeightUnit };

const DEFAULTS: Preferences = { timeZone: 'UTC', weightUnit: 'kg' };

export const getPreferences = cache(async (user: SessionUser): Promise<Preferences> => {
  void user;
  return DEFAULTS;
});

export async function preferencesIn(tx: Transaction, userId: string): Promise<Preferences> {
  void tx;
  void userId;
  return DEFAULTS;
}
