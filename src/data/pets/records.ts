// A pet row as the DAL reads it and as callers get it: the explicit columns, the DTO of
// docs/requirements.md with signed image URLs, and the owner-checked lookup every pet function builds on.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import type { PetGender } from '@/lib/pet-genders';
import type { PhotoStatus } from '@/lib/photo-status';
import { isUuid } from '@/lib/uuid';
import { signedUrlsFor } from '../images';

export type Pet = {
  id: string;
  name: string;
  category: string;
  birthday: string;
  gender: PetGender;
  imagePath: string | null;
  /** The display image (signed, 1 h). */
  imageUrl: string | null;
  /** The small image for lists (signed, 1 h). */
  thumbnailUrl: string | null;
  /**
   * null without a photo; 'processing' while the photo is being prepared (imagePath and the URLs
   * are null until it is 'ready'); 'failed' when it could not be processed and was left out.
   */
  photoStatus: PhotoStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The text fields a form sets; the photo goes its own way (photo-consistency.ts). */
export type PetFields = Pick<Pet, 'name' | 'category' | 'birthday' | 'gender'>;

/** Pet ids are UUIDs: anything else is a pet that does not exist, without asking the database. */
export const isPetId = isUuid;

export const petColumns = {
  id: pets.id,
  name: pets.name,
  category: pets.category,
  birthday: pets.birthday,
  gender: pets.gender,
  imagePath: pets.imagePath,
  photoStatus: pets.photoStatus,
  photoOriginalKey: pets.photoOriginalKey,
  version: pets.version,
  createdAt: pets.createdAt,
  updatedAt: pets.updatedAt,
};

export type PetRecord = Pick<typeof pets.$inferSelect, keyof typeof petColumns>;

/** A row of the caller's (already owner-checked) as the contract's DTO, with signed image URLs. */
export async function toPet(row: PetRecord): Promise<Pet> {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    birthday: row.birthday,
    gender: row.gender,
    imagePath: row.imagePath,
    ...(await signedUrlsFor(row.imagePath)),
    photoStatus: row.photoStatus ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The user's row with this id, or null; filters by owner itself on top of row-level security. */
export async function findOwnRow(tx: Transaction, userId: string, id: string): Promise<PetRecord | null> {
  const [row] = await tx
    .select(petColumns)
    .from(pets)
    .where(and(eq(pets.id, id), eq(pets.userId, userId)));
  return row ?? null;
}
