// Whether the caller may see and edit a pet's care records: the one place the DAL decides it
// (stand-in for the lead's module of the same interface on main, care-shared.md).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { isUuid } from '@/lib/uuid';

export type CarePet = { id: string; name: string; category: string };

/** The pet, or null for a foreign, missing or non-UUID id; `lock` takes the row `for update`. */
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
