'use client';
// "Delete" on a care record, every kind. Without JavaScript it is a link to the record's confirmation
// page; once the page is interactive it is a button that opens a confirmation dialog (Radix
// AlertDialog: focus moves to Cancel, Esc and Cancel keep the record). Its accessible name is
// "Delete <the record>", its visible text "Delete".
import Link from 'next/link';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeleteCareRecordForm, type DeleteCareRecordFormProps } from './delete-care-record-form';
import { useHydrated } from './use-hydrated';

const DANGER = 'text-red-700 hover:bg-red-50';

/** What deleting does, unless the kind says more. */
const REMOVED_FOR_GOOD = 'It is removed for good. This cannot be undone.';

type DeleteCareRecordButtonProps = Omit<DeleteCareRecordFormProps, 'cancel'> & {
  /** The no-JavaScript confirmation page. */
  confirmHref: string;
  /** The dialog's question, e.g. "Delete the Rabies vaccination of 3 March 2026?". */
  question: string;
  /** The dialog's words on what deleting does. */
  description?: string;
  /** The trigger's accessible name beyond its visible "Delete": "vaccination Rabies from 3 March 2026". */
  triggerDetail: string;
  /** A table row's quieter look. */
  variant?: 'secondary' | 'ghost';
};

export function DeleteCareRecordButton({
  confirmHref,
  question,
  description = REMOVED_FOR_GOOD,
  triggerDetail,
  variant = 'secondary',
  ...form
}: DeleteCareRecordButtonProps) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const label = (
    <>
      Delete<span className="sr-only"> {triggerDetail}</span>
    </>
  );
  if (!hydrated)
    return (
      <Link href={confirmHref} className={cn(buttonVariants({ variant, size: 'sm' }), DANGER)}>
        {label}
      </Link>
    );
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant={variant} size="sm" className={DANGER}>
          {label}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="text-lg font-semibold break-words" dir="auto">
            {question}
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-6 text-stone-600">{description}</AlertDialog.Description>
          <DeleteCareRecordForm
            {...form}
            cancel={
              <AlertDialog.Cancel asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </AlertDialog.Cancel>
            }
          />
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
