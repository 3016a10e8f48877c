// The shared look of a care section's list: one card per record with its heading, details, and
// Edit / Delete whose accessible names say which record they act on.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from '@/components/ui/button';

export type CareDetail = { label: string; value: string | null };

type CareRecordCardProps = {
  title: string;
  /** Beside the title, e.g. the vaccination's status. */
  badge?: ReactNode;
  details: CareDetail[];
  editHref: string;
  /** The record for screen readers in "Edit …" and "Delete …": "vaccination Rabies from 3 March 2026". */
  recordName: string;
  deleteButton: ReactNode;
};

export function CareRecordCard({ title, badge, details, editHref, recordName, deleteButton }: CareRecordCardProps) {
  return (
    <li className="rounded-xl border border-stone-200 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="font-semibold break-words text-stone-900" dir="auto">
          {title}
        </h4>
        {badge}
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {details
          .filter((detail) => detail.value)
          .map((detail) => (
            <div key={detail.label} className="contents">
              <dt className="font-medium text-stone-600">{detail.label}</dt>
              <dd className="break-words whitespace-pre-line text-stone-900" dir="auto">
                {detail.value}
              </dd>
            </div>
          ))}
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        <Link href={editHref} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
          Edit<span className="sr-only"> {recordName}</span>
        </Link>
        {deleteButton}
      </div>
    </li>
  );
}

/** A care section: its heading, the "Add …" link, what the page says after a change, and the list. */
export function CareSection({
  id,
  title,
  addHref,
  addLabel,
  notice,
  empty,
  more = null,
  children,
}: {
  id: string;
  title: string;
  addHref: string;
  addLabel: string;
  notice: ReactNode;
  empty: string | null;
  /** The page with every record, when the list shows the newest ones only. */
  more?: { href: string; label: string } | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={id} className="text-lg font-semibold">
          {title}
        </h3>
        <Link href={addHref} className={buttonVariants({ size: 'sm' })}>
          {addLabel}
        </Link>
      </div>
      {notice}
      {empty ? <p className="mt-3 text-sm text-stone-600">{empty}</p> : <ul className="mt-3 space-y-3">{children}</ul>}
      {more ? <ShowAllLink {...more} /> : null}
    </section>
  );
}

/** How many records of each kind the pet page lists (the newest); every one is on the kind's own page. */
export const PET_PAGE_RECORDS = 10;

/** Under a list the pet page shortened: the link to the page with all of them. */
export function ShowAllLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      className="mt-3 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
    >
      {label}
    </Link>
  );
}

/** The newest `limit` of `records` (fetched one more than that), and whether there are more; all without a limit. */
export function shortened<T>(records: T[], limit: number | undefined): { shown: T[]; more: boolean } {
  return limit === undefined
    ? { shown: records, more: false }
    : { shown: records.slice(0, limit), more: records.length > limit };
}
