'use client';
// "Delete" on a pet's page. Without JavaScript it is a link to the confirmation page; with it,
// an accessible dialog (focus moves in, Esc and Cancel keep the pet) asks before deleting.
import Link from 'next/link';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeletePetForm } from './delete-pet-form';

export function DeletePetButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <Link
          href={`/pets/${id}/delete`}
          className={cn(buttonVariants({ variant: 'secondary' }), 'text-red-700 hover:bg-red-50')}
          onClick={(event) => {
            event.preventDefault();
            setOpen(true);
          }}
        >
          Delete
        </Link>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold" dir="auto">
            Delete {name}?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 mb-6 text-stone-600">
            This removes {name}’s profile and photo for good. It cannot be undone.
          </AlertDialog.Description>
          <DeletePetForm
            id={id}
            name={name}
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
