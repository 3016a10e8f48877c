// `npm run db:seed`: a demo account with a dozen pets, for trying the app or taking screenshots.
// Idempotent: running it again resets the demo account's pets. Never touches other accounts.
import { eq } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { closeDb, db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { accounts, pets, users } from '@/db/schema';
import { withUser } from '@/db/with-user';

const DEMO_EMAIL = 'demo@example.com';
const DEMO_PASSWORD = 'pawprint-demo';

const DEMO_PETS = [
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

await runMigrations();
const database = db();
let [user] = await database.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
if (!user) {
  [user] = await database.insert(users).values({ email: DEMO_EMAIL, name: 'Demo' }).returning({ id: users.id });
  // The same credential record better-auth writes at sign-up.
  await database.insert(accounts).values({
    userId: user!.id,
    accountId: user!.id,
    providerId: 'credential',
    password: await hashPassword(DEMO_PASSWORD),
  });
}
const userId = user!.id;
await withUser(database, userId, async (tx) => {
  await tx.delete(pets).where(eq(pets.userId, userId));
  for (const [name, category, birthday, gender] of DEMO_PETS) {
    await tx.insert(pets).values({ userId, name, category, birthday, gender });
  }
});
await closeDb();
console.log(`Seeded ${DEMO_PETS.length} pets. Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
