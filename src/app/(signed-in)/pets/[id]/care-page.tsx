// The frames of the care record pages: an add or edit form under its heading, and the confirmation
// step of Delete when JavaScript is off (with it, a dialog asks instead). Each kind's page loads its
// record (care-or-404.ts) and fills one in.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DeleteCareRecordForm, type DeleteCareRecordFormProps } from '@/components/care/delete-care-record-form';
import { buttonVariants } from '@/components/ui/button';

type CareFormPageProps = {
  /** Where "back" goes, and what it says ("← Back to Rex"). */
  back: { href: string; label: string };
  title: ReactNode;
  children: ReactNode;
};

export function CareFormPage({ back, title, children }: CareFormPageProps) {
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={back.href} className="text-sm font-medium text-brand-700 hover:underline" dir="auto">
        {back.label}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        {title}
      </h1>
      <div className="panel p-6 sm:p-8">{children}</div>
    </div>
  );
}

type CareDeletePageProps = Omit<DeleteCareRecordFormProps, 'cancel'> & {
  question: ReactNode;
  description: ReactNode;
  /** Where Cancel goes: the page the record was on. */
  cancelHref: string;
};

export function CareDeletePage({ question, description, cancelHref, ...form }: CareDeletePageProps) {
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        {question}
      </h1>
      <p className="mt-2 mb-6 text-stone-600">{description}</p>
      <DeleteCareRecordForm
        {...form}
        cancel={
          <Link href={cancelHref} className={buttonVariants({ variant: 'secondary' })}>
            Cancel
          </Link>
        }
      />
    </div>
  );
}
