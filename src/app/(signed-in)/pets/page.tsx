import type { Metadata } from 'next';
import Link from 'next/link';
import { VerificationNotice } from '@/components/account/verification-notice';
import { PawIcon } from '@/components/brand';
import { ClearDraft } from '@/components/pets/clear-draft';
import { ListControls } from '@/components/pets/list-controls';
import { Pagination } from '@/components/pets/pagination';
import { PetList } from '@/components/pets/pet-list';
import { buttonVariants } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { Notice } from '@/components/ui/notice';
import { getPet, listPets, type PetPage } from '@/data/pets';
import { requireUser, type SessionUser } from '@/data/session';
import { todayIn } from '@/lib/dates';
import { dueBadges, UPCOMING_DAYS, type DueBadge } from '@/lib/due-items';
import { logUnexpected } from '@/lib/errors';
import { requestContext } from '@/lib/request-context';
import { isVerificationNoticeDismissed } from '@/lib/verification-notice';
import { parsePetListParams, petListQuery, type PetListParams } from '@/lib/validations/pet-list';

export const metadata: Metadata = { title: 'My pets' };

type SearchParams = Record<string, string | string[] | undefined>;

const LOAD_FAILED = 'Failed to load pets';

/**
 * The page of pets and its pets' due badges (one transaction), or null when the database cannot
 * give the list (the page says so instead of failing); no badges when only they cannot be read.
 */
async function loadPage(
  user: SessionUser,
  params: PetListParams,
): Promise<{ page: PetPage | null; badges: Map<string, DueBadge> }> {
  try {
    const { due, ...page } = await listPets(user, params, { due: { to: { days: UPCOMING_DAYS } } });
    if ('items' in due) return { page, badges: dueBadges(due.items) };
    logUnexpected(due.error, { action: 'dueItems', userId: user.id, requestId: (await requestContext()).requestId });
    return { page, badges: new Map() };
  } catch (error) {
    logUnexpected(error, { action: 'listPets', userId: user.id, requestId: (await requestContext()).requestId });
    return { page: null, badges: new Map() };
  }
}

/** The notice after a create or a delete; none when the new pet cannot be read. */
async function confirmation(user: SessionUser, search: SearchParams): Promise<string | null> {
  if (search.deleted === '1') return 'Pet deleted.';
  if (typeof search.created !== 'string') return null;
  try {
    const pet = await getPet(user, search.created);
    return pet ? `${pet.name} was added.` : null;
  } catch (error) {
    logUnexpected(error, { action: 'getPet', userId: user.id, requestId: (await requestContext()).requestId });
    return null;
  }
}

export default async function PetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const params = parsePetListParams(search);
  const user = await requireUser(`/pets${petListQuery(params)}`);
  const [{ page, badges }, notice, noticeDismissed] = await Promise.all([
    loadPage(user, params),
    confirmation(user, search),
    // The verified flag came with the session: an unverified user costs one cookie read, not a query.
    user.emailVerified ? true : isVerificationNoticeDismissed(user.id),
  ]);
  const result = page
    ? { success: true as const, ...page }
    : { success: false as const, message: LOAD_FAILED, total: 0 };
  const today = todayIn('UTC');
  const hasAnyPets = result.total > 0 || params.q !== '';

  return (
    <>
      {typeof search.created === 'string' ? <ClearDraft draftKey="new" /> : null}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">My pets</h1>
          {result.success && result.total > 0 ? (
            <p className="mt-1 text-stone-600">
              {result.total} {result.total === 1 ? 'pet' : 'pets'}
              {params.q ? ` matching “${params.q}”` : ''}
            </p>
          ) : null}
        </div>
        <Link href="/pets/new" className={buttonVariants({ size: 'lg' })}>
          + Add pet
        </Link>
      </div>

      {notice ? <Notice className="mt-6">{notice}</Notice> : null}
      {noticeDismissed ? null : <VerificationNotice email={user.email} />}

      {!result.success ? (
        <div className="mt-8">
          <FormMessage message={`${result.message}. Please reload the page.`} />
        </div>
      ) : !hasAnyPets ? (
        <section className="empty-state mt-8 flex flex-col items-center py-16">
          <span className="grid size-16 place-items-center rounded-full bg-brand-100 text-brand-700">
            <PawIcon className="size-8" />
          </span>
          <h2 className="mt-4 text-xl font-semibold">No pets yet</h2>
          <p className="mt-2 max-w-sm text-stone-600">
            Add your first pet to keep their profile and photo in one place.
          </p>
          <Link href="/pets/new" className={buttonVariants({ size: 'lg', className: 'mt-6' })}>
            Add your first pet
          </Link>
        </section>
      ) : (
        <>
          <div className="panel mt-8 p-4">
            <ListControls params={params} />
          </div>
          {result.pets.length === 0 ? (
            <section className="empty-state mt-8 py-12">
              {params.q && result.total === 0 ? (
                <>
                  <h2 className="text-xl font-semibold">No pets match “{params.q}”</h2>
                  <p className="mt-2 text-stone-600">Try another name or category.</p>
                  <Link href="/pets" className={buttonVariants({ variant: 'secondary', className: 'mt-6' })}>
                    Clear search
                  </Link>
                </>
              ) : (
                <>
                  <h2 className="text-xl font-semibold">This page is empty</h2>
                  <Link
                    href={`/pets${petListQuery({ ...params, page: 0 })}`}
                    className={buttonVariants({ variant: 'secondary', className: 'mt-6' })}
                  >
                    Go to the first page
                  </Link>
                </>
              )}
            </section>
          ) : (
            <PetList pets={result.pets} today={today} badges={badges} />
          )}
          {result.total > 0 ? <Pagination params={params} total={result.total} hasMore={result.hasMore} /> : null}
        </>
      )}
    </>
  );
}
