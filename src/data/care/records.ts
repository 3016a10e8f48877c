// The shape every kind of care record shares in the DAL: rows of a table that starts with
// careRecordColumns() (`id`, `pet_id`, `created_by`, `submission_id`), always reached through a pet
// the caller may use (onCarePet: findCarePet under row-level security) and filtered by that pet
// itself. Creating takes the pet's row lock (a twin submission and a pet delete serialize behind
// it), answers a repeated one-time key with the first record, and counts the care limits; reading,
// updating and deleting go by (pet, id). A kind describes itself (CareRecordKind: its table,
// columns, order, DTO and the columns its input sets) and gets its five functions from
// careRecordStore; its module keeps only what is its own.
import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import type { SessionUser } from '../session';
import { careSubmissionKey, isCareRecordId, onCarePet } from './access';
import { assertRoomForCareRecord, type CareKind } from './limits';
import type { CarePet } from './pet-access';

/** A care record table: careRecordColumns() and its own. */
export type CareTable = PgTable & { id: PgColumn; petId: PgColumn; createdBy: PgColumn; submissionId: PgColumn };

type Columns = Record<string, PgColumn>;

/** One kind of care record as the DAL sees it. */
export type CareRecordKind<Row, Record, Input> = {
  /** Its name for the care limits. */
  kind: CareKind;
  table: CareTable;
  /** What is read of a row (explicit columns, never `select *`). */
  columns: Columns;
  /** A pet's list order. */
  order: SQL[];
  /** The row as the layers above see it (a plain DTO). */
  toRecord: (row: Row) => Record;
  /** The columns a form's input sets. */
  values: (input: Input) => { [column: string]: unknown };
};

/** Work to do in a write's transaction once its row is stored (a medication's next dose). */
export type AfterWrite<Row> = (tx: Transaction, row: Row) => Promise<void>;

/** The record `id` of pet `petId` (whose access is already checked). */
function ofPet(table: CareTable, petId: string, id: string): SQL | undefined {
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

export function careRecordStore<Row, Record, Input>(spec: CareRecordKind<Row, Record, Input>) {
  const { kind, table, columns, order, toRecord } = spec;

  /**
   * The pet and its records in the kind's order — the first `limit` only when given (the pet page) —
   * or null when the pet is not the caller's.
   */
  async function list(
    user: SessionUser,
    petId: string,
    options: { limit?: number } = {},
  ): Promise<{ pet: CarePet; records: Record[] } | null> {
    return onCarePet(user, petId, { lock: false }, async (tx, pet) => {
      // With a limit the read stops there (the kind's (pet, date) index gives the order): no count
      // of the rest, which would read every row of a long history (ADR 0039).
      const query = tx
        .select(columns)
        .from(table)
        .where(eq(table.petId, petId))
        .orderBy(...order);
      const rows = await (options.limit === undefined ? query : query.limit(options.limit));
      return { pet, records: rows.map((row) => toRecord(row as Row)) };
    });
  }

  /** One record with its pet, or null when either is missing, foreign, or not a UUID. */
  async function get(user: SessionUser, petId: string, id: string): Promise<{ pet: CarePet; record: Record } | null> {
    if (!isCareRecordId(id)) return null;
    const found = await onCarePet(user, petId, { lock: false }, async (tx, pet) => {
      const row = await findCareRow<Row>(tx, table, columns, petId, id);
      return row ? { pet, record: toRecord(row) } : null;
    });
    return found ?? null;
  }

  /**
   * Adds a record to the caller's pet; null when the pet is not the caller's. The same
   * `submissionId` twice yields the first one's record (`created: false`) and stores nothing more.
   * Throws CareLimitError at a limit (nothing stored).
   */
  async function create(
    user: SessionUser,
    petId: string,
    input: Input,
    submissionId: string | null,
    after?: AfterWrite<Row>,
  ): Promise<{ record: Record; created: boolean } | null> {
    const key = careSubmissionKey(submissionId);
    return onCarePet(user, petId, { lock: true }, async (tx) => {
      // The pet row is locked: a twin of this submission has committed already or waits behind us.
      const [earlier] = key
        ? await tx
            .select(columns)
            .from(table)
            .where(and(eq(table.petId, petId), eq(table.submissionId, key)))
        : [];
      if (earlier) return { record: toRecord(earlier as Row), created: false };
      await assertRoomForCareRecord(tx, user.id, petId, kind);
      // Who entered it is always the session's user, never a form field.
      const [row] = (await tx
        .insert(table)
        .values({ ...spec.values(input), petId, createdBy: user.id, submissionId: key })
        .returning(columns)) as Row[];
      if (!row) throw new Error(`insert of a ${kind} returned no row`);
      await after?.(tx, row);
      return { record: toRecord(row), created: true };
    });
  }

  /** Sets a record's fields; the record, or null (nothing changed) when it or its pet is not the caller's. */
  async function update(
    user: SessionUser,
    petId: string,
    id: string,
    input: Input,
    after?: AfterWrite<Row>,
  ): Promise<Record | null> {
    if (!isCareRecordId(id)) return null;
    const updated = await onCarePet(user, petId, { lock: true }, async (tx) => {
      const [row] = (await tx
        .update(table)
        .set(spec.values(input))
        .where(ofPet(table, petId, id))
        .returning(columns)) as Row[];
      if (!row) return null;
      await after?.(tx, row);
      return toRecord(row);
    });
    return updated ?? null;
  }

  /** Deletes a record; what was deleted, or null when it or its pet is not the caller's. */
  async function remove(user: SessionUser, petId: string, id: string): Promise<Record | null> {
    if (!isCareRecordId(id)) return null;
    const deleted = await onCarePet(user, petId, { lock: true }, async (tx) => {
      const [row] = await tx
        .delete(table)
        .where(ofPet(table, petId, id))
        .returning(columns);
      return row ? toRecord(row as Row) : null;
    });
    return deleted ?? null;
  }

  return { list, get, create, update, remove };
}

/** A row whose timestamps leave the DAL as ISO 8601 text (DTOs are plain data). */
export function withTextTimes<Row extends { createdAt: Date; updatedAt: Date }>(
  row: Row,
): Omit<Row, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string } {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
