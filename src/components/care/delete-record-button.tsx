'use client';
// "Delete" beside a care record. Without JavaScript it is a link to the record's confirmation page;
// once the page is interactive it is a button that opens a confirmation dialog (Radix AlertDialog:
// focus moves to Cancel, Esc and Cancel keep the record).
import Link from 'next/link';
import { AlertDialog } from 'radix-ui';
import { useState, useSyncExternalStore } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeleteRecordForm, type DeleteRecordAction } from './delete-record-form';

const neverChanges = () => () => {};
const DANGER = 'text-red-700 hover:bg-red-50';

type DeleteRecordButtonProps = {
  action: DeleteRecordAction;
  petId: string;
  id: string;
  /** What the record is, after "Delete" ("weight 13.1 kg from 7 December 2026"): the accessible name's rest. */
  what: string;
  /** The no-JavaScript confirmation page. */
  confirmHref: string;
  /** The dialog's words on what deleting does. */
  description: string;
};

export function DeleteRecordButton({ action, petId, id, what, confirmHref, description }: DeleteRecordButtonProps) {
  const [open, setOpen] = useState(false);
  // false while server-rendered and hydrating, true from then on: no hydration mismatch.
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  const label = (
    <>
      Delete<span className="sr-only"> {what}</span>
    </>
  );
  if (!hydrated)
    return (
      <Link href={confirmHref} className={cn(buttonVariants({ variant: 'ghost', size: 'sm' }), DANGER)}>
        {label}
      </Link>
    );
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="ghost" size="sm" className={DANGER}>
          {label}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="text-lg font-semibold" dir="auto">
            Delete {what}?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-6 text-stone-600">{description}</AlertDialog.Description>
          <DeleteRecordForm
            action={action}
            petId={petId}
            id={id}
            label={`Delete ${what}`}
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
