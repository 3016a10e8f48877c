'use client';
// "Delete" on a care record. Without JavaScript it is a link to the record's confirmation page; once
// the page is interactive it is a button that opens a confirmation dialog (Radix AlertDialog: focus
// moves to Cancel, Esc and Cancel keep the record).
import Link from 'next/link';
import { AlertDialog } from 'radix-ui';
import { useState, useSyncExternalStore } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeleteCareRecordForm, type DeleteCareRecordFormProps } from './delete-care-record-form';

const neverChanges = () => () => {};
const DANGER = 'text-red-700 hover:bg-red-50';

type DeleteCareRecordButtonProps = Omit<DeleteCareRecordFormProps, 'cancel'> & {
  /** The no-JavaScript confirmation page. */
  confirmHref: string;
  /** The dialog's question, e.g. "Delete the Rabies vaccination of 3 March 2026?". */
  question: string;
  /** The trigger's accessible name beyond its visible "Delete": "vaccination Rabies from 3 March 2026". */
  triggerDetail: string;
};

export function DeleteCareRecordButton({ confirmHref, question, triggerDetail, ...form }: DeleteCareRecordButtonProps) {
  const [open, setOpen] = useState(false);
  // false while server-rendered and hydrating, true from then on: no hydration mismatch.
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  const label = (
    <>
      Delete<span className="sr-only"> {triggerDetail}</span>
    </>
  );
  if (!hydrated)
    return (
      <Link href={confirmHref} className={cn(buttonVariants({ variant: 'secondary', size: 'sm' }), DANGER)}>
        {label}
      </Link>
    );
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="secondary" size="sm" className={DANGER}>
          {label}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="text-lg font-semibold break-words" dir="auto">
            {question}
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-6 text-stone-600">
            It is removed for good. This cannot be undone.
          </AlertDialog.Description>
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
