// One pet of the caller's. A pet of someone else's and a pet that does not exist look the same: null.
import 'server-only';
import { cache } from 'react';
import { db } from '@/db/client';
import { withUser } from '@/db/with-user';
import type { SessionUser } from '../session';
import { findOwnRow, isPetId, toPet, type Pet } from './records';

/**
 * The caller's pet, or null when it does not exist, is someone else's, or `id` is no UUID.
 * Cached per render: a page and its metadata read the pet once.
 */
export const getPet = cache(async (user: SessionUser, id: string): Promise<Pet | null> => {
  if (!isPetId(id)) return null;
  const row = await withUser(db(), user.id, (tx) => findOwnRow(tx, user.id, id));
  return row ? toPet(row) : null;
});
