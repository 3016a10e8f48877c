'use client';
// The grid of /pets with quick delete: after confirming, the card leaves at once (useOptimistic);
// if the server refuses, it comes back and the dialog says why.
import { AlertDialog } from 'radix-ui';
import { useOptimistic, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Pet } from '@/data/pets';
import { DeletePetForm } from './delete-pet-form';
import { PetCard } from './pet-card';

export function PetGrid({ pets, today }: { pets: Pet[]; today: string }) {
  const [shown, removeShown] = useOptimistic(pets, (current, removedId: string) => current.filter((pet) => pet.id !== removedId));
  const [chosen, setChosen] = useState<Pet | null>(null);
  // Once the server's list no longer has the pet (the deletion went through), the dialog is done.
  const deleting = chosen && pets.some((pet) => pet.id === chosen.id) ? chosen : null;

  return (
    <>
      <ul className="mt-8 grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {shown.map((pet) => (
          <PetCard
            key={pet.id}
            pet={pet}
            today={today}
            onDelete={(event) => {
              event.preventDefault();
              setChosen(pet);
            }}
          />
        ))}
      </ul>
      <AlertDialog.Root open={deleting !== null} onOpenChange={(open) => (open ? undefined : setChosen(null))}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-stone-900/50 backdrop-blur-[2px]" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-6 shadow-xl">
            {deleting ? (
              <>
                <AlertDialog.Title className="text-lg font-semibold" dir="auto">
                  Delete {deleting.name}?
                </AlertDialog.Title>
                <AlertDialog.Description className="mt-2 mb-6 text-stone-600">
                  This removes {deleting.name}’s profile and photo for good. It cannot be undone.
                </AlertDialog.Description>
                <DeletePetForm
                  key={deleting.id}
                  id={deleting.id}
                  name={deleting.name}
                  onDeleting={() => removeShown(deleting.id)}
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
    </>
  );
}
