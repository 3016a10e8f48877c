// The list parameters of /pets (getPets' input in docs/requirements.md, plus `q`), read leniently
// from the URL: a value out of range falls back to its default, never to an error page.
import { z } from 'zod';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SEARCH_MAX_LENGTH, type PetListParams } from '@/lib/pet-list-limits';
import { withoutControlCharacters } from './text';

export { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SEARCH_MAX_LENGTH, type PetListParams };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const schema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(0).max(1_000_000)).catch(0),
  limit: z.preprocess(first, z.coerce.number().int().min(1).max(PAGE_SIZE_MAX)).catch(PAGE_SIZE_DEFAULT),
  sortBy: z.preprocess(first, z.enum(['created_at', 'name'])).catch('created_at'),
  order: z.preprocess(first, z.enum(['asc', 'desc'])).catch('desc'),
  // Control characters (NUL: Postgres refuses it) are dropped, never an error page.
  q: z
    .preprocess(first, z.string().transform(withoutControlCharacters).pipe(z.string().trim().max(SEARCH_MAX_LENGTH)))
    .catch(''),
});

export const DEFAULT_LIST_PARAMS: PetListParams = {
  page: 0,
  limit: PAGE_SIZE_DEFAULT,
  sortBy: 'created_at',
  order: 'desc',
  q: '',
};

export function parsePetListParams(input: Record<string, unknown> | undefined | null): PetListParams {
  return schema.parse({ ...(input ?? {}) }) as PetListParams;
}

/** The query string for `params`, leaving out defaults so URLs stay short. */
export function petListQuery(params: Partial<PetListParams>): string {
  const merged = { ...DEFAULT_LIST_PARAMS, ...params };
  const search = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_LIST_PARAMS) as (keyof PetListParams)[]) {
    if (merged[key] !== DEFAULT_LIST_PARAMS[key]) search.set(key, String(merged[key]));
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}
