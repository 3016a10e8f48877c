// The shape every kind of care record shares in the DAL: rows of a table with `id`, `pet_id`,
// `created_by` and `submission_id`, always reached through a pet the caller may use (onCarePet:
// findCarePet under row-level security) and filtered by that pet itself. Creating takes the pet's
// row lock (a twin submission and a pet delete serialize behind it), answers a repeated one-time key
// with the first record, and counts the care limits; updating and deleting go by (pet, id). Each
// kind's module keeps only its own columns, order and DTO.
import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import type { SessionUser } from '../session';
import { careSubmissionKey, isCareRecordId, onCarePet } from './access';
import { assertRoomForCareRecord, type CareKind } from './limits';
import type { CarePet } from './pet-access';

/** A care record table: its own columns besides these. */
export type CareTable = PgTable & { id: PgColumn; petId: PgColumn; createdBy: PgColumn; submissionId: PgColumn };

type Columns = Record<string, PgColumn>;

/** The record `id` of pet `petId` (whose access is already checked). */
export function ofPet(table: CareTable, petId: string, id: string): SQL | undefined {
  return and(eq(table.id, id), eq(table.petId, petId));
}

/** The record `id` of the pet as `columns`, or null; `lock` takes its row for the transaction. */
export async function findCareRow<Row>(
  tx: Transaction,
  table: CareTable,
  columns: Columns,
  petId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Row | null> {
  if (!isCareRecordId(id)) return null;
  const query = tx
    .select(columns)
    .from(table)
    .where(ofPet(table, petId, id));
  const [row] = await (options.lock ? query.for('update') : query);
  return (row as Row | undefined) ?? null;
}

/**
 * Adds a record to the caller's pet; null when the pet is not the caller's. The same `submissionId`
 * twice yields the first one's record (`created: false`) and stores nothing more. Throws
 * CareLimitError at a limit (nothing stored). `stored` runs in the same transaction with the new row.
 */
export async function createCareRow<Row extends { id: string }>(
  user: SessionUser,
  petId: string,
  record: { kind: CareKind; table: CareTable; columns: Columns; values: Record<string, unknown> },
  submissionId: string | null,
  stored?: (tx: Transaction, row: Row) => Promise<void>,
): Promise<{ row: Row; created: boolean } | null> {
  const { kind, table, columns, values } = record;
  const key = careSubmissionKey(submissionId);
  return onCarePet(user, petId, { lock: true }, async (tx) => {
    // The pet row is locked: a twin of this submission has committed already or waits behind us.
    const [earlier] = key
      ? await tx
          .select(columns)
          .from(table)
          .where(and(eq(table.petId, petId), eq(table.submissionId, key)))
      : [];
    if (earlier) return { row: earlier as Row, created: false };
    await assertRoomForCareRecord(tx, user.id, petId, kind);
    // Who entered it is always the session's user, never a form field.
    const [row] = (await tx
      .insert(table)
      .values({ ...values, petId, createdBy: user.id, submissionId: key })
      .returning(columns)) as Row[];
    if (!row) throw new Error(`insert of a ${kind} returned no row`);
    await stored?.(tx, row);
    return { row, created: true };
  });
}

/**
 * Sets a record's columns; the updated row, or null (nothing changed) when it or its pet is not the
 * caller's. `stored` runs in the same transaction with the updated row.
 */
export async function updateCareRow<Row>(
  user: SessionUser,
  petId: string,
  id: string,
  record: { table: CareTable; columns: Columns; values: Record<string, unknown> },
  stored?: (tx: Transaction, row: Row) => Promise<void>,
): Promise<Row | null> {
  if (!isCareRecordId(id)) return null;
  const { table, columns, values } = record;
  const updated = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const [row] = (await tx
      .update(table)
      .set(values)
      .where(ofPet(table, petId, id))
      .returning(columns)) as Row[];
    if (row) await stored?.(tx, row);
    return row ?? null;
  });
  return updated ?? null;
}

/** Deletes a record; what was deleted (as `columns`), or null when it or its pet is not the caller's. */
export async function deleteCareRow<Row>(
  user: SessionUser,
  petId: string,
  id: string,
  record: { table: CareTable; columns: Columns },
): Promise<Row | null> {
  if (!isCareRecordId(id)) return null;
  const deleted = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const [row] = await tx
      .delete(record.table)
      .where(ofPet(record.table, petId, id))
      .returning(record.columns);
    return (row as Row | undefined) ?? null;
  });
  return deleted ?? null;
}

/** The pet and its records as `columns` in `order`, or null when the pet is not the caller's. */
export function listCareRows<Row>(
  user: SessionUser,
  petId: string,
  record: { table: CareTable; columns: Columns; order: SQL[] },
): Promise<{ pet: CarePet; rows: Row[] } | null> {
  return onCarePet(user, petId, { lock: false }, async (tx, pet) => {
    const rows = await tx
      .select(record.columns)
      .from(record.table)
      .where(eq(record.table.petId, petId))
      .orderBy(...record.order);
    return { pet, rows: rows as Row[] };
  });
}

/** One record with its pet, or null when either is missing, foreign, or not a UUID. */
export async function getCareRow<Row>(
  user: SessionUser,
  petId: string,
  id: string,
  record: { table: CareTable; columns: Columns },
): Promise<{ pet: CarePet; row: Row } | null> {
  if (!isCareRecordId(id)) return null;
  const found = await onCarePet(user, petId, { lock: false }, async (tx, pet) => {
    const row = await findCareRow<Row>(tx, record.table, record.columns, petId, id);
    return row ? { pet, row } : null;
  });
  return found ?? null;
}
