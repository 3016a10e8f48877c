// The one place the DAL decides whether the caller may read and write a pet's care records. Today
// that is the pet's owner; sharing extends this function and the RLS policies, nothing else.
import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { isUuid } from '@/lib/uuid';

export type CarePet = { id: string; name: string; category: string };

/** The pets whose care records `userId` may use, as a condition on `pets`: one pet (findCarePet) or
 * all of them at once (the due items across an account's pets) decide it the same way. */
export function carePetsOf(userId: string): SQL {
  return eq(pets.userId, userId);
}

/**
 * The pet whose care records the caller may use, or null when it does not exist, is someone
 * else's, or `petId` is no UUID (all three look the same to the caller). `lock` takes the pet's
 * row for the rest of the transaction: every write does, so a record is never added to a pet
 * being deleted at the same moment.
 */
export async function findCarePet(
  tx: Transaction,
  userId: string,
  petId: string,
  options: { lock?: boolean } = {},
): Promise<CarePet | null> {
  if (!isUuid(petId)) return null;
  const query = tx
    .select({ id: pets.id, name: pets.name, category: pets.category })
    .from(pets)
    .where(and(eq(pets.id, petId), carePetsOf(userId)));
  const [pet] = await (options.lock ? query.for('update') : query);
  return pet ?? null;
}
