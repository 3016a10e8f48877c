// How many care records of each kind a pet and an account may hold (stand-in for the lead's module
// of the same interface on main, care-shared.md): counted under the account's usage lock, so the
// count holds across instances.
import 'server-only';
import { count, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets, vaccinations, vetVisits } from '@/db/schema';
import { lockUsage } from '../usage';

export const CARE_RECORD_LIMITS = { perPet: 1000, perAccount: 20000 } as const;

export const CARE_RECORD_TABLES = {
  vaccination: { table: vaccinations, label: { one: 'vaccination', many: 'vaccinations' } },
  visit: { table: vetVisits, label: { one: 'vet visit', many: 'vet visits' } },
} as const;

export type CareKind = keyof typeof CARE_RECORD_TABLES;

/** A limit refused the record; the message is the user's. Nothing was changed. */
export class CareLimitError extends Error {
  override name = 'CareLimitError';
}

const figure = (value: number) => value.toLocaleString('en-US');

/** Throws CareLimitError when the pet or the account already holds the most records of `kind`. */
export async function assertRoomForCareRecord(
  tx: Transaction,
  userId: string,
  petId: string,
  kind: CareKind,
): Promise<void> {
  await lockUsage(tx, userId);
  const { table, label } = CARE_RECORD_TABLES[kind];
  const [onPet] = await tx.select({ records: count() }).from(table).where(eq(table.petId, petId));
  if ((onPet?.records ?? 0) >= CARE_RECORD_LIMITS.perPet)
    throw new CareLimitError(
      `This pet already has ${figure(CARE_RECORD_LIMITS.perPet)} ${label.many}, the most one pet can have.`,
    );
  const ownPets = tx.select({ id: pets.id }).from(pets).where(eq(pets.userId, userId));
  const [onAccount] = await tx.select({ records: count() }).from(table).where(inArray(table.petId, ownPets));
  if ((onAccount?.records ?? 0) >= CARE_RECORD_LIMITS.perAccount)
    throw new CareLimitError(
      `Your account already has ${figure(CARE_RECORD_LIMITS.perAccount)} ${label.many}, the most one account can have.`,
    );
}
