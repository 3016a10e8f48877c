// The demo account (`npm run db:seed`): demo@example.com with a dozen pets and, for its dogs and
// cats, a year of care records ending today (scripts/seed/demo-care.ts). Running it again resets
// the demo account's pets (their records go with them) and its preferences; other accounts are
// never touched.
import { eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { updatePreferences } from '@/data/preferences';
import type { SessionUser } from '@/data/session';
import { db } from '@/db/client';
import { accounts, pets, users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { todayIn } from '@/lib/dates';
import { writeCareRecords } from './demo-care';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_PETS, DEMO_TIME_ZONE } from './demo-details';

/**
 * Creates or resets the demo account; its records end on today's date in `timeZone` at `now`.
 * The database must be migrated.
 */
export async function seedDemoAccount(options: { timeZone?: string; now?: Date } = {}): Promise<{ userId: string }> {
  const { timeZone = DEMO_TIME_ZONE, now = new Date() } = options;
  const database = db();
  let [user] = await database.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
  // example.com receives no mail (RFC 2606), so no link could ever confirm the address: the
  // account is confirmed, and a newcomer sees the app rather than a "confirm your email" banner.
  if (!user) {
    [user] = await database
      .insert(users)
      .values({ email: DEMO_EMAIL, name: 'Demo', emailVerified: true })
      .returning({ id: users.id });
    // The same credential record better-auth writes at sign-up.
    await database.insert(accounts).values({
      userId: user!.id,
      accountId: user!.id,
      providerId: 'credential',
      password: await hashPassword(DEMO_PASSWORD),
    });
  } else {
    // A demo account an earlier seed made unconfirmed is reset to confirmed like the rest.
    await database.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
  }
  const userId = user!.id;
  const demoPets = await withUser(database, userId, async (tx) => {
    await tx.delete(pets).where(eq(pets.userId, userId));
    const created: { id: string; name: string }[] = [];
    for (const [index, [name, category, birthday, gender]] of DEMO_PETS.entries()) {
      // A second apart, in the list's order: "newest first" shows them as listed above, every run.
      const createdAt = new Date(now.getTime() - index * 1000);
      const [pet] = await tx
        .insert(pets)
        .values({ userId, name, category, birthday, gender, createdAt, updatedAt: createdAt })
        .returning({ id: pets.id, name: pets.name });
      created.push(pet!);
    }
    return created;
  });
  // The seed is the operator acting as the account it just made or found, not a request: there is
  // no session to verify, so the DAL's SessionUser is made here.
  const demo = { id: userId, email: DEMO_EMAIL, emailVerified: true } as SessionUser;
  await updatePreferences(demo, { timeZone, weightUnit: 'kg' });
  await writeCareRecords(demo, demoPets, { timeZone, today: todayIn(timeZone, now), now });
  return { userId };
}
