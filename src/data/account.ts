// The signed-in user's own account: change the password (other sessions end), delete the
// account with every pet and photo.
import 'server-only';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { storage } from '@/storage';
import { auth } from './auth';
import { userFolder } from './image-keys';
import { requireUser } from './session';

export type PasswordChange = 'changed' | 'wrong_current_password';

/** Checks the current password, sets the new one, ends every other session of the user. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<PasswordChange> {
  await requireUser('/account');
  try {
    await auth().api.changePassword({
      body: { currentPassword, newPassword, revokeOtherSessions: true },
      headers: await headers(),
    });
    return 'changed';
  } catch (error) {
    const code = isAPIError(error) ? (error.body as { code?: string } | undefined)?.code : undefined;
    if (code === 'INVALID_PASSWORD') return 'wrong_current_password';
    throw error;
  }
}

/**
 * Deletes the signed-in user: the row first (pets, sessions and audit events go with it by
 * cascade), then the photos. Photos a failure leaves behind belong to no pet any more, and the
 * sweep removes them.
 */
export async function deleteOwnAccount(): Promise<{ id: string; email: string }> {
  const user = await requireUser('/account');
  await db().delete(users).where(eq(users.id, user.id));
  try {
    const keys: string[] = [];
    for await (const object of storage().list(userFolder(user.id))) keys.push(object.key);
    if (keys.length > 0) await storage().delete(keys);
  } catch {
    // Left to the sweep (see above).
  }
  return user;
}
