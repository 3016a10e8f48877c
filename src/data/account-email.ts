// A job's own account's address: the auth table is not app_user's, so it is read by the owner role,
// by id, only for an account the job was sent for. Null once the account is gone.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';

export async function accountEmail(userId: string): Promise<string | null> {
  const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}
