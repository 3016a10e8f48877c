'use client';
// The grid of /pets with quick delete: after confirming, the card leaves at once (useOptimistic);
// if the server refuses, it comes back and the dialog says why.
import dynamic from 'next/dynamic';
import { useOptimistic, useState } from 'react';
import type { Pet } from '@/data/pets';
import { PetCard } from './pet-card';

// The confirmation dialog (Radix AlertDialog: focus trap, portal, dismissable layer) is loaded on
// the first quick delete, not with every visit of the list (docs/performance.md, first-load JS).
const DeletePetDialog = dynamic(() => import('./delete-pet-dialog').then((module) => module.DeletePetDialog), {
  ssr: false,
});

export function PetGrid({ pets, today }: { pets: Pet[]; today: string }) {
  const [shown, removeShown] = useOptimistic(pets, (current, removedId: string) =>
    current.filter((pet) => pet.id !== removedId),
  );
  const [chosen, setChosen] = useState<Pet | null>(null);
  // Mounted from the first quick delete on, so it opens and closes as it always did afterwards.
  const [dialogWanted, setDialogWanted] = useState(false);
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
              setDialogWanted(true);
              setChosen(pet);
            }}
          />
        ))}
      </ul>
      {dialogWanted ? (
        <DeletePetDialog
          pet={deleting}
          onOpenChange={(open) => (open ? undefined : setChosen(null))}
          onDeleting={() => (deleting ? removeShown(deleting.id) : undefined)}
        />
      ) : null}
    </>
  );
}
