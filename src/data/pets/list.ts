// One page of the caller's pets for /pets and getPets: filter, order, page, and the total in the
// same statement.
import 'server-only';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { pets } from '@/db/schema';
import { withUser } from '@/db/with-user';
import type { PetListParams } from '@/lib/validations/pet-list';
import type { SessionUser } from '../session';
import { petColumns, toPet, type Pet } from './records';

export type PetPage = { pets: Pet[]; total: number; page: number; hasMore: boolean };

export async function listPets(user: SessionUser, params: PetListParams): Promise<PetPage> {
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
