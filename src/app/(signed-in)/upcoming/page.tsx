import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';
import { dueItems, type DueItem, type DueItemKind } from '@/data/care/due-items';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { todayIn } from '@/lib/dates';
import { DUE_GROUP_TITLES, dueWhen, groupDueItems, UPCOMING_DAYS } from '@/lib/due-items';

export const metadata: Metadata = { title: 'Upcoming' };

const KIND_LABELS: Record<DueItemKind, string> = {
  vaccination: 'Vaccination',
  medication: 'Medication',
  visit: 'Vet visit',
};

// What is due across all of the person's pets (FR-047): server-rendered, grouped by how soon.
export default async function UpcomingPage() {
  const user = await requireUser('/upcoming');
  const now = new Date();
  const [{ timeZone }, items] = await Promise.all([
    getPreferences(user),
    dueItems(user, { to: { days: UPCOMING_DAYS }, now }),
  ]);
  const today = todayIn(timeZone, now);
  const groups = groupDueItems(items, today);

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">Upcoming</h1>
      <p className="mt-1 text-stone-600">
        Vaccinations, medication doses and vet visits due for your pets in the next {UPCOMING_DAYS} days, soonest first,
        and anything overdue (times in {timeZone.replaceAll('_', ' ')}).
      </p>
      {groups.length === 0 ? (
        <section className="empty-state mt-8 py-12">
          <h2 className="text-xl font-semibold">Nothing due in the next {UPCOMING_DAYS} days</h2>
          <p className="mt-2 text-stone-600">
            Next due dates of vaccinations, medication schedules and booked vet visits show up here.
          </p>
          <Link href="/pets" className={buttonVariants({ variant: 'secondary', className: 'mt-6' })}>
            Go to my pets
          </Link>
        </section>
      ) : (
        groups.map(({ group, items: inGroup }) => (
          <section key={group} aria-labelledby={`upcoming-${group}`} className="panel mt-6 p-4 sm:p-6">
            <h2 id={`upcoming-${group}`} className="text-xl font-semibold">
              {DUE_GROUP_TITLES[group]} <span className="font-normal text-stone-600">({inGroup.length})</span>
            </h2>
            <ul className="mt-2 divide-y divide-stone-100">
              {inGroup.map((item) => (
                <UpcomingItem
                  key={`${item.kind}-${item.recordId}`}
                  item={item}
                  when={dueWhen(item, timeZone, today, now)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function UpcomingItem({ item, when }: { item: DueItem; when: string }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3">
      <div className="min-w-0">
        <Link href={item.href} className="font-semibold break-words text-brand-800 underline-offset-2 hover:underline">
          <span dir="auto">{item.petName}</span>: <span dir="auto">{item.title}</span>
        </Link>
        <p className="text-sm text-stone-600">{KIND_LABELS[item.kind]}</p>
      </div>
      <p className={item.overdue ? 'text-sm font-semibold text-red-800' : 'text-sm text-stone-700'}>
        {item.overdue ? 'Was due ' : 'Due '}
        <time dateTime={item.at ?? item.due}>{when}</time>
      </p>
    </li>
  );
}
