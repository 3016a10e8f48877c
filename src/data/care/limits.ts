// Stand-in for the lead's foundation module of the same name (care-shared.md), with its exact
// interface, so this branch builds and tests before the foundation lands; main's version replaces it
// (this branch adds only its registry line: `weight`).
import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets, weightRecords } from '@/db/schema';
import { lockUsage } from '../usage';

export const CARE_RECORD_LIMITS = { perPet: 1000, perAccount: 20000 } as const;

export const CARE_RECORD_TABLES = {
  weight: { table: weightRecords, label: { one: 'weight', many: 'weights' } },
} as const;

export type CareKind = keyof typeof CARE_RECORD_TABLES;

/** A limit on care records was reached; the message is for the user. */
export class CareLimitError extends Error {}

const numberFormat = new Intl.NumberFormat('en-GB');

/** Refuses one more record of `kind` for the pet when the pet or the account is at its limit. */
export async function assertRoomForCareRecord(
  tx: Transaction,
  userId: string,
  petId: string,
  kind: CareKind,
): Promise<void> {
  await lockUsage(tx, userId);
  const { table, label } = CARE_RECORD_TABLES[kind];
  const [ofPet] = await tx.select({ total: count() }).from(table).where(eq(table.petId, petId));
  if ((ofPet?.total ?? 0) >= CARE_RECORD_LIMITS.perPet)
    throw new CareLimitError(
      `This pet already has ${numberFormat.format(CARE_RECORD_LIMITS.perPet)} ${label.many}, the most one pet can have.`,
    );
  const [ofAccount] = await tx
    .select({ total: count() })
    .from(table)
    .innerJoin(pets, eq(pets.id, table.petId))
    .where(eq(pets.userId, userId));
  if ((ofAccount?.total ?? 0) >= CARE_RECORD_LIMITS.perAccount)
    throw new CareLimitError(
      `Your account already has ${numberFormat.format(CARE_RECORD_LIMITS.perAccount)} ${label.many}, ` +
        'the most one account can have.',
    );
}
