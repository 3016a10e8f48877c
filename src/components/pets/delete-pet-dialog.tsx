'use client';
// The "Delete <name>?" confirmation dialog (Radix AlertDialog: focus moves to Cancel, Esc and
// Cancel keep the pet), shared by the pet's page and the list's quick delete.
import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DeletePetForm } from './delete-pet-form';

type DeletePetDialogProps = {
  /** The pet to confirm, or null when the dialog is closed. */
  pet: { id: string; name: string } | null;
  onOpenChange: (open: boolean) => void;
  /** The element that opens it (rendered as the dialog's trigger), if any. */
  trigger?: ReactNode;
  /** Called as the deletion starts (optimistic removal). */
  onDeleting?: () => void;
};

export function DeletePetDialog({ pet, onOpenChange, trigger, onDeleting }: DeletePetDialogProps) {
  return (
    <AlertDialog.Root open={pet !== null} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="dialog">
          {pet ? (
            <>
              <AlertDialog.Title className="text-lg font-semibold" dir="auto">
                Delete {pet.name}?
              </AlertDialog.Title>
              <AlertDialog.Description className="mt-2 mb-6 text-stone-600">
                This removes {pet.name}’s profile and photo for good. It cannot be undone.
              </AlertDialog.Description>
              <DeletePetForm
                key={pet.id}
                id={pet.id}
                name={pet.name}
                onDeleting={onDeleting}
                cancel={
                  <AlertDialog.Cancel asChild>
                    <Button type="button" variant="secondary">
                      Cancel
                    </Button>
                  </AlertDialog.Cancel>
                }
              />
            </>
          ) : null}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
