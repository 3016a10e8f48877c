// pets.json, the data file of an export (ADR 0015, docs/data-export-format.md): a documented,
// versioned format built from an explicit mapping of the pets table — the user's data, never a
// whole row. A new column of `pets` appears here only when someone adds it to this mapping (and
// bumps PETS_JSON_VERSION when the change is not only an addition).
import 'server-only';
import { pets } from '@/db/schema';
import type { PetGender } from '@/lib/pet-genders';
import { sanitizeFilename } from '@/storage';
import type { PetsJsonCareRecords } from './care-records';

/** Changes when a field changes meaning or goes away; an added field keeps the version. */
export const PETS_JSON_VERSION = 1;
export const PETS_JSON_FORMAT = 'pawprint-pets';

/** The columns of `pets` an export reads: nothing else leaves (owner, storage keys, submission id, version). */
const { id, name, category, birthday, gender, imagePath, createdAt, updatedAt } = pets;
export const exportedPetColumns = { id, name, category, birthday, gender, imagePath, createdAt, updatedAt };

export type ExportedPetRow = Pick<typeof pets.$inferSelect, keyof typeof exportedPetColumns>;

/** A pet in pets.json, version 1. */
export type PetsJsonPet = {
  id: string;
  name: string;
  category: string;
  /** YYYY-MM-DD */
  birthday: string;
  gender: PetGender;
  /** ISO 8601, UTC */
  createdAt: string;
  updatedAt: string;
  /** The photo's entry in the archive (`photos/<name>-<id>.webp`), null without one. */
  photo: string | null;
} & PetsJsonCareRecords;

export type PetsJsonDocument = {
  format: typeof PETS_JSON_FORMAT;
  version: typeof PETS_JSON_VERSION;
  exportedAt: string;
  account: { email: string };
  pets: PetsJsonPet[];
};

/** `photos/<name>-<id>.webp`: a person can tell whose photo it is; the id keeps equal names apart. */
export function photoEntryName(pet: { id: string; name: string }): string {
  const name = sanitizeFilename(pet.name).replace(/\.[a-z0-9]+$/, '');
  return `photos/${name}-${pet.id}.webp`;
}

/** A row of the exported columns (and nothing else) as pets.json writes it; the photo is its entry,
 * and the pet's care records follow it. */
export function toPetsJsonPet(row: ExportedPetRow, photo: string | null, care: PetsJsonCareRecords): PetsJsonPet {
  const { imagePath, createdAt, updatedAt, ...fields } = row;
  void imagePath; // becomes `photo`: where the image is in the archive, never the storage key
  return { ...fields, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), photo, ...care };
}

export function petsJson(exportedAt: Date, email: string, exported: PetsJsonPet[]): Buffer {
  const document: PetsJsonDocument = {
    format: PETS_JSON_FORMAT,
    version: PETS_JSON_VERSION,
    exportedAt: exportedAt.toISOString(),
    account: { email },
    pets: exported,
  };
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`);
}

/** What pets.json takes per pet at most, beyond the photos (for the quota's estimate of an export). */
export const PETS_JSON_BYTES_PER_PET = 1024;

/**
 * What pets.json takes per care record (a vaccination, visit, medication, dose, weighing or document
 * entry), for the same estimate: a typical one is a few hundred bytes of JSON, one with long notes a
 * few KB. Only an estimate deciding whether an export starts: the built archive's real size is
 * checked against the quota again before it counts (build.ts).
 */
export const PETS_JSON_BYTES_PER_CARE_RECORD = 1024;
