'use client';
// Delete for a care record: without JavaScript a link to the record's confirmation page; once the
// page is interactive a button that opens a confirmation dialog (Radix AlertDialog: focus moves to
// Cancel, Esc and Cancel keep the record). The form inside posts the record's ids to its action.
import Link from 'next/link';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeleteRecordForm, type DeleteRecordAction } from './delete-record-form';
import { useHydrated } from './use-hydrated';

const DANGER = 'text-red-700 hover:bg-red-50';

type DeleteRecordButtonProps = {
  action: DeleteRecordAction;
  petId: string;
  id: string;
  /** "Delete medication Apoquel" — the button's accessible name and the dialog's confirm button. */
  label: string;
  title: string;
  description: string;
  /** The no-JavaScript confirmation page. */
  confirmHref: string;
};

export function DeleteRecordButton({
  action,
  petId,
  id,
  label,
  title,
  description,
  confirmHref,
}: DeleteRecordButtonProps) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  if (!hydrated)
    return (
      <Link
        href={confirmHref}
        aria-label={label}
        className={cn(buttonVariants({ variant: 'secondary', size: 'sm' }), DANGER)}
      >
        Delete
      </Link>
    );
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="secondary" size="sm" aria-label={label} className={DANGER}>
          Delete
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="text-lg font-semibold" dir="auto">
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-6 text-stone-600">{description}</AlertDialog.Description>
          <DeleteRecordForm
            action={action}
            petId={petId}
            id={id}
            label={label}
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
