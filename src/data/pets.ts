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
import {
  deleteImageObjects,
  ImageRejectedError,
  imageObjects,
  signedUrlsFor,
  storeImage,
  type ImageSource,
  type StoredImage,
} from './images';
import { requireUser } from './session';

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

type PetRecord = Pick<typeof pets.$inferSelect, keyof typeof petColumns>;

/** A row of the caller's (already owner-checked) as the contract's DTO, with signed image URLs. */
async function toPet(row: PetRecord): Promise<Pet> {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    birthday: row.birthday,
    gender: row.gender,
    imagePath: row.imagePath,
    ...(await signedUrlsFor(row.imagePath)),
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
    const order = listOrder(params);
    // The total rides along as a scalar subquery (computed once, an index-only count): one round
    // trip for the page and its total instead of two.
    const query = tx.select({ ...petColumns, total: tx.$count(pets, filter) }).from(pets);
    // Past the first page, an offset would read and drop whole rows; the page's ids come from the
    // index first (deferred join), so the last of 10,000 pets costs about what the first does.
    const page = tx
      .select({ id: pets.id })
      .from(pets)
      .where(filter)
      .orderBy(...order)
      .limit(params.limit)
      .offset(params.page * params.limit)
      .as('page');
    const rows =
      params.page === 0
        ? await query
            .where(filter)
            .orderBy(...order)
            .limit(params.limit)
        : await query.innerJoin(page, eq(pets.id, page.id)).orderBy(...order);
    // A page past the end has no row to carry the total: count on its own then (rare).
    const total =
      rows[0]?.total ??
      (params.page === 0 ? 0 : ((await tx.select({ total: count() }).from(pets).where(filter))[0]?.total ?? 0));
    return {
      pets: await Promise.all(rows.map(toPet)),
      total,
      page: params.page,
      hasMore: (params.page + 1) * params.limit < total,
    };
  });
}

async function findOwnPet(tx: Transaction, userId: string, id: string): Promise<Pet | null> {
  const row = await findOwnRow(tx, userId, id);
  return row ? toPet(row) : null;
}

/** Whether one of the user's rows points at `imagePath`: true, false, or null when the database cannot say. */
async function isImageReferenced(userId: string, imagePath: string): Promise<boolean | null> {
  // Twice: right after a connection died the pool may still hand out another pooled connection
  // that died with it; the second attempt gets a fresh one.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const rows = await withUser(db(), userId, (tx) =>
        tx
          .select({ id: pets.id })
          .from(pets)
          .where(and(eq(pets.userId, userId), eq(pets.imagePath, imagePath)))
          .limit(1),
      );
      return rows.length > 0;
    } catch {
      // Unknown for now; tried again once.
    }
  }
  return null;
}

/** Runs `write` with a freshly stored photo; on any failure the photo's objects are removed, so
 * no row ever points at a missing photo and no photo is left without a row. */
async function withStoredImage<T>(
  userId: string,
  source: ImageSource | null,
  write: (image: StoredImage | null) => Promise<T>,
  keep: (result: T) => boolean,
): Promise<T> {
  const image = source ? await storeImage(userId, source) : null;
  let result: T;
  try {
    result = await write(image);
  } catch (error) {
    // A failed write may still have committed: the connection can die after COMMIT reached the
    // database and before its answer came back. Then a row points at this photo, and deleting it
    // would leave that row with a missing photo (found by tests/faults/database-connection.test.ts).
    // So delete only when the database says no row points at it; when it cannot say (still
    // down), keep the objects: the sweep removes them later if no row does.
    if (image && (await isImageReferenced(userId, image.imagePath)) === false) {
      await deleteImageObjects([image.imagePath, image.thumbnailPath]);
    }
    throw error;
  }
  if (image && !keep(result)) await deleteImageObjects([image.imagePath, image.thumbnailPath]);
  // The upload it was made from is no longer needed once a row points at the result.
  if (image && keep(result)) await deleteImageObjects([image.consumedUpload]);
  return result;
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

export type NewPet = Required<Omit<PetChanges, 'imagePath'>>;

async function findBySubmission(tx: Transaction, userId: string, submissionId: string): Promise<PetRecord | null> {
  const [row] = await tx
    .select(petColumns)
    .from(pets)
    .where(and(eq(pets.userId, userId), eq(pets.submissionId, submissionId)));
  return row ?? null;
}

/**
 * Creates the caller's pet; a photo (if any) is processed and stored before the row is written.
 * The same `submissionId` twice (a double click, a retry after a timeout) yields the pet the
 * first one created, with `created: false`, and stores nothing more.
 */
export async function createPet(
  input: NewPet,
  image: ImageSource | null = null,
  submissionId: string | null = null,
): Promise<{ pet: Pet; created: boolean }> {
  const user = await requireUser('/pets/new');
  const key = submissionId && UUID.test(submissionId) ? submissionId : null;
  if (key) {
    const earlier = await withUser(db(), user.id, (tx) => findBySubmission(tx, user.id, key));
    if (earlier) return { pet: await toPet(earlier), created: false };
  }
  let outcome: { row: PetRecord; created: boolean };
  try {
    outcome = await createRow(user.id, input, image, key);
  } catch (error) {
    // A twin of this submission may have won after the check above: it consumed the upload, so
    // this one finds the upload gone. Answer with the twin's pet, not "Failed to upload image"
    // for a pet that exists (found by tests/faults/submissions-and-uploads.test.ts).
    if (key && error instanceof ImageRejectedError) {
      const twin = await withUser(db(), user.id, (tx) => findBySubmission(tx, user.id, key));
      if (twin) return { pet: await toPet(twin), created: false };
    }
    throw error;
  }
  return { pet: await toPet(outcome.row), created: outcome.created };
}

/** The photo (if any) stored, then the row written; the twin's row if this submission lost a race. */
function createRow(
  userId: string,
  input: NewPet,
  image: ImageSource | null,
  key: string | null,
): Promise<{ row: PetRecord; created: boolean }> {
  return withStoredImage(
    userId,
    image,
    (stored) =>
      withUser(db(), userId, async (tx) => {
        const [row] = await tx
          .insert(pets)
          .values({
            // The owner is always the session's user, never a form field.
            userId: userId,
            name: input.name,
            category: input.category,
            birthday: input.birthday,
            gender: input.gender,
            imagePath: stored?.imagePath ?? null,
            submissionId: key,
          })
          .onConflictDoNothing({ target: [pets.userId, pets.submissionId] })
          .returning(petColumns);
        if (row) return { row, created: true };
        // A concurrent twin of this submission won the race: answer with its pet.
        return { row: (await findBySubmission(tx, userId, key!))!, created: false };
      }),
    (result) => result.created,
  );
}

export type UpdateOutcome =
  { status: 'updated'; pet: Pet; previous: Pet } | { status: 'not_found' } | { status: 'conflict'; current: Pet };

/** What happens to the photo in an update: kept, replaced by a new one, or removed. */
export type PhotoChange = { kind: 'keep' } | { kind: 'replace'; source: ImageSource } | { kind: 'remove' };

type RowOutcome =
  | { status: 'updated'; row: PetRecord; previous: PetRecord }
  | { status: 'not_found' }
  | { status: 'conflict'; current: PetRecord };

async function findOwnRow(tx: Transaction, userId: string, id: string): Promise<PetRecord | null> {
  const [row] = await tx
    .select(petColumns)
    .from(pets)
    .where(and(eq(pets.id, id), eq(pets.userId, userId)));
  return row ?? null;
}

/**
 * Applies `changes` if the pet is still at `expectedVersion` (optimistic concurrency, ADR 0006):
 * a save based on what another tab has since changed is refused, never silently merged. The old
 * photo's objects are deleted only after the row no longer points at them.
 */
export async function updatePet(
  id: string,
  changes: Omit<PetChanges, 'imagePath'>,
  expectedVersion: number | null,
  photo: PhotoChange = { kind: 'keep' },
): Promise<UpdateOutcome> {
  const user = await requireUser(isPetId(id) ? `/pets/${id}/edit` : '/pets');
  if (!isPetId(id)) return { status: 'not_found' };
  const source = photo.kind === 'replace' ? photo.source : null;
  const outcome = await withStoredImage<RowOutcome>(
    user.id,
    source,
    (stored) =>
      withUser(db(), user.id, async (tx) => {
        const previous = await findOwnRow(tx, user.id, id);
        if (!previous) return { status: 'not_found' };
        const imagePath = photo.kind === 'replace' ? stored!.imagePath : photo.kind === 'remove' ? null : undefined;
        const versionCheck = expectedVersion === null ? undefined : eq(pets.version, expectedVersion);
        const [row] = await tx
          .update(pets)
          .set({
            ...changes,
            ...(imagePath !== undefined ? { imagePath } : {}),
            version: sql`${pets.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(pets.id, id), eq(pets.userId, user.id), versionCheck))
          .returning(petColumns);
        if (!row) {
          const current = await findOwnRow(tx, user.id, id);
          return current ? { status: 'conflict', current } : { status: 'not_found' };
        }
        return { status: 'updated', row, previous };
      }),
    (result) => result.status === 'updated',
  );
  if (outcome.status === 'not_found') return outcome;
  if (outcome.status === 'conflict') return { status: 'conflict', current: await toPet(outcome.current) };
  if (outcome.previous.imagePath && outcome.previous.imagePath !== outcome.row.imagePath) {
    await deleteImageObjects(imageObjects(outcome.previous.imagePath));
  }
  return { status: 'updated', pet: await toPet(outcome.row), previous: await toPet(outcome.previous) };
}

/** Deletes the caller's pet and then its photo; returns what was deleted, or null if none. */
export async function deletePet(id: string): Promise<Pick<Pet, 'id' | 'name'> | null> {
  const user = await requireUser(isPetId(id) ? `/pets/${id}` : '/pets');
  if (!isPetId(id)) return null;
  const row = await withUser(db(), user.id, async (tx) => {
    const [deleted] = await tx
      .delete(pets)
      .where(and(eq(pets.id, id), eq(pets.userId, user.id)))
      .returning({ id: pets.id, name: pets.name, imagePath: pets.imagePath });
    return deleted ?? null;
  });
  if (!row) return null;
  await deleteImageObjects(imageObjects(row.imagePath));
  return { id: row.id, name: row.name };
}
