// One page of the caller's pets for /pets and getPets: filter, order, page, and the total in the
// same statement; for /pets also the page's due items (its badges), in the same transaction.
import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import type { PetListParams } from '@/lib/validations/pet-list';
import { dueItemsIn, type DueItem, type DueWindow } from '../care/due-items';
import { preferencesIn } from '../preferences';
import type { SessionUser } from '../session';
import { petColumns, toPet, type Pet } from './records';

export type PetPage = { pets: Pet[]; total: number; page: number; hasMore: boolean };

/** The page's due items, or why they could not be read (the list is still shown, without them). */
export type PageDueItems = { items: DueItem[] } | { error: unknown };

/**
 * One page of pets. With `due` (a window, as dueItems takes it), also the due items of the page's
 * pets, read in the same transaction: one BEGIN/role/COMMIT per /pets request instead of two.
 */
export async function listPets(user: SessionUser, params: PetListParams): Promise<PetPage>;
export async function listPets(
  user: SessionUser,
  params: PetListParams,
  options: { due: Omit<DueWindow, 'petIds'> },
): Promise<PetPage & { due: PageDueItems }>;
export async function listPets(
  user: SessionUser,
  params: PetListParams,
  options?: { due: Omit<DueWindow, 'petIds'> },
): Promise<PetPage & { due?: PageDueItems }> {
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
    const listed: PetPage = {
      pets: await Promise.all(rows.map(toPet)),
      total,
      page: params.page,
      hasMore: (params.page + 1) * params.limit < total,
    };
    if (!options) return listed;
    const petIds = rows.map((row) => row.id);
    return {
      ...listed,
      due: petIds.length === 0 ? { items: [] } : await pageDueItems(tx, user.id, petIds, options.due),
    };
  });
}

/**
 * The due items of the page's pets, in a savepoint: should they fail, the savepoint is rolled
 * back and the list's transaction still commits (the list matters more than its badges).
 */
async function pageDueItems(
  tx: Transaction,
  userId: string,
  petIds: string[],
  window: Omit<DueWindow, 'petIds'>,
): Promise<PageDueItems> {
  try {
    const items = await tx.transaction(async (savepoint) => {
      const { timeZone } = await preferencesIn(savepoint, userId);
      return dueItemsIn(savepoint, { userId, timeZone }, { ...window, petIds });
    });
    return { items };
  } catch (error) {
    return { error };
  }
}

function listFilter(userId: string, q: string): SQL | undefined {
  const owner = eq(pets.userId, userId);
  if (!q) return owner;
  const pattern = likePattern(q);
  return and(owner, or(ilike(pets.name, pattern), ilike(pets.category, pattern)));
}

/** `%`, `_` and `\` typed by the user match themselves, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function listOrder(params: Pick<PetListParams, 'sortBy' | 'order'>): SQL[] {
  const direction = params.order === 'asc' ? asc : desc;
  // Every order ends with the id, so equal names or timestamps never swap between pages.
  return params.sortBy === 'name'
    ? [direction(sql`lower(${pets.name})`), direction(pets.id)]
    : [direction(pets.createdAt), direction(pets.id)];
}
