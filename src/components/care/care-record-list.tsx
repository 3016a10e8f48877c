// The shared look of a kind's page of records: one card per record with its heading, details, and
// Edit / Delete whose accessible names say which record they act on.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from '@/components/ui/button';

/** A detail's value: text, or a link (a visit's documents); nothing when empty. */
export type CareDetail = { label: string; value: ReactNode };

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

/** A kind's section on its own page: its heading, the "Add …" link, and every record. */
export function CareSection({
  id,
  title,
  addHref,
  addLabel,
  empty,
  children,
}: {
  id: string;
  title: string;
  addHref: string;
  addLabel: string;
  empty: string | null;
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
      {empty ? <p className="mt-3 text-sm text-stone-600">{empty}</p> : <ul className="mt-3 space-y-3">{children}</ul>}
    </section>
  );
}
