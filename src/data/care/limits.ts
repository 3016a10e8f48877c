// How many care records a pet and an account may hold, per kind, checked under the account's usage
// lock so that two instances adding at once cannot both pass the count (ADR 0013).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { medications, pets, vaccinations, vetVisits, weightRecords } from '@/db/schema';
import { lockUsage } from '../usage';

export const CARE_RECORD_LIMITS = { perPet: 1000, perAccount: 20_000 } as const;

type CareRecordKind = { table: PgTable & { petId: AnyPgColumn }; label: { one: string; many: string } };

/** Every kind of care record: its table and the words for it in a limit's message. */
const CARE_RECORD_KINDS = {
  vaccination: { table: vaccinations, label: { one: 'vaccination', many: 'vaccinations' } },
  medication: { table: medications, label: { one: 'medication', many: 'medications' } },
  visit: { table: vetVisits, label: { one: 'vet visit', many: 'vet visits' } },
  weight: { table: weightRecords, label: { one: 'weight', many: 'weights' } },
} satisfies Record<string, CareRecordKind>;

export type CareKind = keyof typeof CARE_RECORD_KINDS;

/** A limit reached; the message is written for the person who hit it. */
export class CareLimitError extends Error {
  override name = 'CareLimitError';
}

const count = (value: number) => value.toLocaleString('en-US');

/**
 * Throws a CareLimitError when the pet, or the account across all its pets, already holds the most
 * records of `kind`. Call it inside the transaction that then writes the record.
 */
export async function assertRoomForCareRecord(
  tx: Transaction,
  userId: string,
  petId: string,
  kind: CareKind,
): Promise<void> {
  const { table, label } = (CARE_RECORD_KINDS as Record<string, CareRecordKind>)[kind]!;
  await lockUsage(tx, userId);
  const result = (await tx.execute(sql`
    select count(*) filter (where ${table.petId} = ${petId}) as for_pet, count(*) as for_account
    from ${table} join ${pets} on ${pets.id} = ${table.petId}
    where ${pets.userId} = ${userId}`)) as unknown as {
    rows: { for_pet: string | number; for_account: string | number }[];
  };
  const { for_pet: forPet = 0, for_account: forAccount = 0 } = result.rows[0] ?? {};
  if (Number(forPet) >= CARE_RECORD_LIMITS.perPet)
    throw new CareLimitError(
      `This pet already has ${count(CARE_RECORD_LIMITS.perPet)} ${label.many}, the most one pet can have.`,
    );
  if (Number(forAccount) >= CARE_RECORD_LIMITS.perAccount)
    throw new CareLimitError(
      `Your account already has ${count(CARE_RECORD_LIMITS.perAccount)} ${label.many}, the most one account can have.`,
    );
}
