// Deleting the signed-in user's own account with every pet and photo. (Changing the password is
// the auth library's, in auth.ts.)
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { logger } from '@/lib/logger';
import { storage } from '@/storage';
import { accountFolder } from './image-keys';
import type { SessionUser } from './session';

/**
 * Deletes the signed-in user: the row first (pets, sessions, audit events and data exports go with
 * it by cascade), then every object in the account's folder (photos and export ZIPs). A failure to remove the photos is logged, not thrown: they belong to
 * no pet any more, and the sweep removes them.
 */
export async function deleteOwnAccount(user: SessionUser): Promise<void> {
  await db().delete(users).where(eq(users.id, user.id));
  try {
    const keys: string[] = [];
    for await (const object of storage().list(accountFolder(user.id))) keys.push(object.key);
    if (keys.length > 0) await storage().delete(keys);
  } catch (error) {
    logger().warn({ err: error, userId: user.id }, 'photos of a deleted account left to the storage sweep');
  }
}
