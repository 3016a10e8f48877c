// The Weight part of a pet's Health area: the latest weight and its change, the chart of the latest
// weighings (from two on), the latest weighings in a table, and the way to add one. Read as the signed-in user,
// shown in the account's unit.
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { listWeights } from '@/data/care/weights';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { formatShortCalendarDate } from '@/lib/dates';
import { formatWeight, formatWeightChange } from '@/lib/weight-units';
import { CareNotice } from './care-notice';
import { WeightChart } from './weight-chart';
import { WeightTable } from './weight-table';

/** How many weighings the pet's page lists; the rest are on /pets/[id]/weight. */
export const LATEST_WEIGHTS_SHOWN = 10;

/**
 * How many of the latest weighings the pet page's chart plots (read no further, in SQL): a pet
 * weighed for years draws as fast as a new one; /pets/[id]/weight charts every weighing.
 */
export const PET_PAGE_CHART_WEIGHINGS = 24;

export async function WeightSection({ petId, notice }: { petId: string; notice?: string }) {
  const user = await requireUser(`/pets/${petId}`);
  const [weights, { weightUnit: unit }] = await Promise.all([
    listWeights(user, petId, { limit: PET_PAGE_CHART_WEIGHINGS }),
    getPreferences(user),
  ]);
  // The page around it has already answered 404 for a pet that is not the caller's.
  if (!weights) return null;
  const { pet, records, total } = weights;
  const [latest, previous] = records;
  return (
    <section id="weight" aria-labelledby="weight-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="weight-heading" className="text-xl font-semibold">
          Weight
        </h3>
        <Link href={`/pets/${pet.id}/weight/new`} className={buttonVariants({ size: 'sm' })}>
          Add weight
        </Link>
      </div>
      <CareNotice notice={notice} prefix="weight-" className="" />
      {latest ? (
        <>
          <p className="text-stone-700" data-testid="latest-weight">
            <span className="text-lg font-semibold text-stone-900">{formatWeight(latest.grams, unit)}</span>
            {previous
              ? `, ${formatWeightChange(latest.grams - previous.grams, unit)} since ${formatShortCalendarDate(previous.date)}`
              : ` on ${formatShortCalendarDate(latest.date)}`}
          </p>
          {records.length >= 2 ? (
            <WeightChart id="weight-chart" petName={pet.name} weighings={records} unit={unit} />
          ) : (
            <p className="text-sm text-stone-600">The chart appears once there are two weighings.</p>
          )}
          <WeightTable
            petId={pet.id}
            caption={
              total > LATEST_WEIGHTS_SHOWN
                ? `Latest ${LATEST_WEIGHTS_SHOWN} of ${total} weighings of ${pet.name}, newest first`
                : `Weighings of ${pet.name}, newest first`
            }
            records={records.slice(0, LATEST_WEIGHTS_SHOWN)}
            unit={unit}
          />
          <p>
            <Link href={`/pets/${pet.id}/weight`} className="text-sm font-medium text-brand-700 hover:underline">
              All weights of {pet.name} ({total})
            </Link>
          </p>
        </>
      ) : (
        <p className="text-stone-600">No weights yet. Add one to start following {pet.name}’s weight.</p>
      )}
    </section>
  );
}
