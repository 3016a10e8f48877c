// A pet's weight records: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the weighing's columns, order and DTO.
// Weights are whole grams here.
import 'server-only';
import { desc } from 'drizzle-orm';
import { weightRecords } from '@/db/schema';
import type { WeightFields } from '@/lib/validations/weight';
import { careRecordStore, withTextTimes } from './records';

export type WeightRecord = {
  id: string;
  /** YYYY-MM-DD, the day of the weighing. */
  date: string;
  grams: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

const weightColumns = {
  id: weightRecords.id,
  date: weightRecords.weighedOn,
  grams: weightRecords.grams,
  note: weightRecords.note,
  createdAt: weightRecords.createdAt,
  updatedAt: weightRecords.updatedAt,
};

type WeightRow = Pick<typeof weightRecords.$inferSelect, 'id' | 'grams' | 'note' | 'createdAt' | 'updatedAt'> & {
  date: string;
};

const store = careRecordStore({
  kind: 'weight',
  table: weightRecords,
  columns: weightColumns,
  order: [desc(weightRecords.weighedOn), desc(weightRecords.createdAt), desc(weightRecords.id)],
  toRecord: (row: WeightRow): WeightRecord => withTextTimes(row),
  values: (fields: WeightFields) => ({ weighedOn: fields.date, grams: fields.grams, note: fields.note }),
});

// listWeights: every weighing of the pet, newest first (by date, then by entry), with the pet.
export const {
  list: listWeights,
  get: getWeight,
  create: createWeight,
  update: updateWeight,
  remove: deleteWeight,
} = store;
