// The pet list's limits and parameter type, without zod: client components (the list controls)
// import these, and importing them from validations/pet-list would ship zod to every /pets visit.
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
export const SEARCH_MAX_LENGTH = 100;

export type PetListParams = {
  page: number;
  limit: number;
  sortBy: 'created_at' | 'name';
  order: 'asc' | 'desc';
  q: string;
};
