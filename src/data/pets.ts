// The pets DAL: every function starts from the verified session, runs as that user under
// row-level security (withUser), also filters by owner itself, selects explicit columns and
// returns plain DTOs. A pet of someone else and a pet that does not exist look the same: null.
import 'server-only';
import { cache } from 'react';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import type { PetGender } from '@/lib/pet-genders';
import type { PetListParams } from '@/lib/validations/pet-list';
import { requireUser } from './session';

export type Pet = {
  id: string;
  name: string;
  category: string;
  birthday: string;
  gender: PetGender;
  imagePath: string | null;
  imageUrl: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type PetPage = { pets: Pet[]; total: number; page: number; hasMore: boolean };

export type PetChanges = Partial<Pick<Pet, 'name' | 'category' | 'birthday' | 'gender' | 'imagePath'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isPetId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

const petColumns = {
  id: pets.id,
  name: pets.name,
  category: pets.category,
  birthday: pets.birthday,
  gender: pets.gender,
  imagePath: pets.imagePath,
  version: pets.version,
  createdAt: pets.createdAt,
  updatedAt: pets.updatedAt,
};

type PetRecord = Omit<typeof pets.$inferSelect, 'userId'>;

function toPet(row: PetRecord): Pet {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    birthday: row.birthday,
    gender: row.gender,
    imagePath: row.imagePath,
    imageUrl: null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `%`, `_` and `\` typed by the user match themselves, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function listFilter(userId: string, q: string): SQL | undefined {
  const owner = eq(pets.userId, userId);
  if (!q) return owner;
  const pattern = likePattern(q);
  return and(owner, or(ilike(pets.name, pattern), ilike(pets.category, pattern)));
}

function listOrder(params: Pick<PetListParams, 'sortBy' | 'order'>): SQL[] {
  const direction = params.order === 'asc' ? asc : desc;
  // Every order ends with the id, so equal names or timestamps never swap between pages.
  return params.sortBy === 'name'
    ? [direction(sql`lower(${pets.name})`), direction(pets.id)]
    : [direction(pets.createdAt), direction(pets.id)];
}

export async function listPets(params: PetListParams): Promise<PetPage> {
  const user = await requireUser('/pets');
  return withUser(db(), user.id, async (tx) => {
    const filter = listFilter(user.id, params.q);
    const rows = await tx
      .select(petColumns)
      .from(pets)
      .where(filter)
      .orderBy(...listOrder(params))
      .limit(params.limit)
      .offset(params.page * params.limit);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(pets).where(filter);
    return {
      pets: rows.map(toPet),
      total,
      page: params.page,
      hasMore: (params.page + 1) * params.limit < total,
    };
  });
}

async function findOwnPet(tx: Transaction, userId: string, id: string): Promise<Pet | null> {
  const [row] = await tx
    .select(petColumns)
    .from(pets)
    .where(and(eq(pets.id, id), eq(pets.userId, userId)));
  return row ? toPet(row) : null;
}

/**
 * The caller's pet, or null when it does not exist, is someone else's, or `id` is no UUID.
 * Cached per request: a page and its metadata read the pet once.
 */
export const getPet = cache(async (id: string): Promise<Pet | null> => {
  const user = await requireUser(isPetId(id) ? `/pets/${id}` : '/pets');
  if (!isPetId(id)) return null;
  return withUser(db(), user.id, (tx) => findOwnPet(tx, user.id, id));
});

export async function createPet(input: Required<Omit<PetChanges, 'imagePath'>> & { imagePath?: string | null }): Promise<Pet> {
  const user = await requireUser('/pets/new');
  return withUser(db(), user.id, async (tx) => {
    const [row] = await tx
      .insert(pets)
      .values({
        // The owner is always the session's user, never a form field.
        userId: user.id,
        name: input.name,
        category: input.category,
        birthday: input.birthday,
        gender: input.gender,
        imagePath: input.imagePath ?? null,
      })
      .returning(petColumns);
    return toPet(row!);
  });
}

export type UpdateOutcome =
  | { status: 'updated'; pet: Pet; previous: Pet }
  | { status: 'not_found' }
  | { status: 'conflict'; current: Pet };

/**
 * Applies `changes` if the pet is still at `expectedVersion` (optimistic concurrency, ADR 0006):
 * a save based on what another tab has since changed is refused, never silently merged.
 */
export async function updatePet(id: string, changes: PetChanges, expectedVersion: number | null): Promise<UpdateOutcome> {
  const user = await requireUser(isPetId(id) ? `/pets/${id}/edit` : '/pets');
  if (!isPetId(id)) return { status: 'not_found' };
  return withUser(db(), user.id, async (tx) => {
    const previous = await findOwnPet(tx, user.id, id);
    if (!previous) return { status: 'not_found' };
    const versionCheck = expectedVersion === null ? undefined : eq(pets.version, expectedVersion);
    const [row] = await tx
      .update(pets)
      .set({ ...changes, version: sql`${pets.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(pets.id, id), eq(pets.userId, user.id), versionCheck))
      .returning(petColumns);
    if (!row) {
      const current = await findOwnPet(tx, user.id, id);
      return current ? { status: 'conflict', current } : { status: 'not_found' };
    }
    return { status: 'updated', pet: toPet(row), previous };
  });
}

/** Deletes the caller's pet; returns what was deleted (for its photo), or null if none. */
export async function deletePet(id: string): Promise<Pet | null> {
  const user = await requireUser(isPetId(id) ? `/pets/${id}` : '/pets');
  if (!isPetId(id)) return null;
  return withUser(db(), user.id, async (tx) => {
    const [row] = await tx
      .delete(pets)
      .where(and(eq(pets.id, id), eq(pets.userId, user.id)))
      .returning(petColumns);
    return row ? toPet(row) : null;
  });
}
