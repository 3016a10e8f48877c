// Stand-in for the lead's foundation module of the same name (care-shared.md), with its exact
// interface, so this branch builds and tests before the foundation lands; main's version replaces it.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { isUuid } from '@/lib/uuid';

export type CarePet = { id: string; name: string; category: string };

/** The pet whose care records the caller may see and change, or null (missing, foreign, not a UUID). */
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
    .where(and(eq(pets.id, petId), eq(pets.userId, userId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}
