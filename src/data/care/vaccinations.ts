// The vaccinations DAL: the shared care-record shape (records.ts: the pet checked under row-level
// security, idempotent create, writes by pet and id) with the vaccination's columns, order and DTO.
import 'server-only';
import { desc } from 'drizzle-orm';
import { vaccinations } from '@/db/schema';
import type { VaccinationInput } from '@/lib/validations/vaccination';
import { careRecordStore, withTextTimes } from './records';

export type Vaccination = {
  id: string;
  petId: string;
  vaccine: string;
  /** YYYY-MM-DD */
  givenOn: string;
  /** YYYY-MM-DD, or null when none is set. */
  nextDueOn: string | null;
  clinic: string | null;
  batchNumber: string | null;
  notes: string | null;
  /** Days before it is due that reminders start; null: none. */
  remindDaysBefore: number | null;
  createdAt: string;
  updatedAt: string;
};

const columns = {
  id: vaccinations.id,
  petId: vaccinations.petId,
  vaccine: vaccinations.vaccine,
  givenOn: vaccinations.givenOn,
  nextDueOn: vaccinations.nextDueOn,
  clinic: vaccinations.clinic,
  batchNumber: vaccinations.batchNumber,
  notes: vaccinations.notes,
  remindDaysBefore: vaccinations.remindDaysBefore,
  createdAt: vaccinations.createdAt,
  updatedAt: vaccinations.updatedAt,
};

/** What vaccinationStatuses reads of each shot, with its pet: for reads across several pets. */
export const statusColumns = {
  id: vaccinations.id,
  petId: vaccinations.petId,
  vaccine: vaccinations.vaccine,
  givenOn: vaccinations.givenOn,
  nextDueOn: vaccinations.nextDueOn,
};

const store = careRecordStore({
  kind: 'vaccination',
  table: vaccinations,
  columns,
  order: [desc(vaccinations.givenOn), desc(vaccinations.createdAt), desc(vaccinations.id)],
  toRecord: (row: Pick<typeof vaccinations.$inferSelect, keyof typeof columns>): Vaccination => withTextTimes(row),
  values: (input: VaccinationInput) => input,
});

// listVaccinations: the pet's vaccinations, newest first (by date given, then by entry) — the newest
// `limit` only when given — with how many it has in all, or null when the pet is not the caller's.
export const {
  list: listVaccinations,
  get: getVaccination,
  create: createVaccination,
  update: updateVaccination,
  remove: deleteVaccination,
} = store;
