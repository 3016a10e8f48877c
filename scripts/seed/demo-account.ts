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

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'pawprint-demo';
/** The demo account's zone unless the seed is told another: its "today" and its dose times. */
export const DEMO_TIME_ZONE = 'Europe/London';

export const DEMO_PETS = [
  ['Bella', 'Dog', '2019-04-12', 'female'],
  ['Milo', 'Cat', '2021-08-30', 'male'],
  ['Luna', 'Cat', '2020-02-14', 'female'],
  ['Charlie', 'Dog', '2016-11-03', 'male'],
  ['Kiwi', 'Bird', '2023-05-21', 'other'],
  ['Nibbles', 'Hamster', '2025-01-09', 'prefer-not-to-say'],
  ['Shadow', 'Cat', '2014-06-18', 'male'],
  ['Pepper', 'Rabbit', '2022-03-02', 'female'],
  ['Bubbles', 'Fish', '2024-07-07', 'other'],
  ['Rocky', 'Dog', '2018-09-25', 'male'],
  ['Daisy', 'Guinea pig', '2023-12-01', 'female'],
  ['Sunny', 'Bird', '2021-10-10', 'male'],
] as const;

/**
 * Creates or resets the demo account; its records end on today's date in `timeZone` at `now`.
 * The database must be migrated.
 */
export async function seedDemoAccount(options: { timeZone?: string; now?: Date } = {}): Promise<{ userId: string }> {
  const { timeZone = DEMO_TIME_ZONE, now = new Date() } = options;
  const database = db();
  let [user] = await database
    .select({ id: users.id, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.email, DEMO_EMAIL));
  if (!user) {
    [user] = await database
      .insert(users)
      .values({ email: DEMO_EMAIL, name: 'Demo' })
      .returning({ id: users.id, emailVerified: users.emailVerified });
    // The same credential record better-auth writes at sign-up.
    await database.insert(accounts).values({
      userId: user!.id,
      accountId: user!.id,
      providerId: 'credential',
      password: await hashPassword(DEMO_PASSWORD),
    });
  }
  const userId = user!.id;
  const demoPets = await withUser(database, userId, async (tx) => {
    await tx.delete(pets).where(eq(pets.userId, userId));
    const created: { id: string; name: string }[] = [];
    for (const [name, category, birthday, gender] of DEMO_PETS) {
      const [pet] = await tx
        .insert(pets)
        .values({ userId, name, category, birthday, gender })
        .returning({ id: pets.id, name: pets.name });
      created.push(pet!);
    }
    return created;
  });
  // The seed is the operator acting as the account it just made or found, not a request: there is
  // no session to verify, so the DAL's SessionUser is made here, from the stored row.
  const demo = { id: userId, email: DEMO_EMAIL, emailVerified: user!.emailVerified } as SessionUser;
  await updatePreferences(demo, { timeZone, weightUnit: 'kg' });
  await writeCareRecords(demo, demoPets, { timeZone, today: todayIn(timeZone, now), now });
  return { userId };
}
