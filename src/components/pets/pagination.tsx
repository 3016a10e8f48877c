// Previous / next links of the pet list, with where the user is in the total.
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { petListQuery, type PetListParams } from '@/lib/validations/pet-list';

export function Pagination({ params, total, hasMore }: { params: PetListParams; total: number; hasMore: boolean }) {
  const from = params.page * params.limit + 1;
  const to = Math.min(total, (params.page + 1) * params.limit);
  const pages = Math.max(1, Math.ceil(total / params.limit));
  const link = (page: number) => `/pets${petListQuery({ ...params, page })}`;
  return (
    <nav aria-label="Pages" className="mt-8 flex flex-col items-center justify-between gap-4 sm:flex-row">
      <p className="text-sm text-stone-600">
        {total === 0 ? 'No pets on this page' : `Showing ${from}–${to} of ${total}`} · Page{' '}
        {Math.min(params.page + 1, pages)} of {pages}
      </p>
      {pages > 1 ? (
        <div className="flex gap-2">
          {params.page > 0 ? (
            <Link
              href={link(Math.min(params.page - 1, pages - 1))}
              rel="prev"
              className={buttonVariants({ variant: 'secondary' })}
            >
              ← Previous
            </Link>
          ) : (
            <span
              aria-disabled
              className={buttonVariants({ variant: 'secondary', className: 'pointer-events-none opacity-50' })}
            >
              ← Previous
            </span>
          )}
          {hasMore ? (
            <Link href={link(params.page + 1)} rel="next" className={buttonVariants({ variant: 'secondary' })}>
              Next →
            </Link>
          ) : (
            <span
              aria-disabled
              className={buttonVariants({ variant: 'secondary', className: 'pointer-events-none opacity-50' })}
            >
              Next →
            </span>
          )}
        </div>
      ) : null}
    </nav>
  );
}
