'use client';
// The grid of /pets with quick delete: after confirming, the card leaves at once (useOptimistic);
// if the server refuses, it comes back and the dialog says why.
import dynamic from 'next/dynamic';
import { useOptimistic, useState } from 'react';
import { PetCard, type PetCardData } from './pet-card';

// The confirmation dialog (Radix AlertDialog: focus trap, portal, dismissable layer) is loaded on
// the first quick delete, not with every visit of the list (docs/performance.md, first-load JS).
const DeletePetDialog = dynamic(() => import('./delete-pet-dialog').then((module) => module.DeletePetDialog), {
  ssr: false,
});

export function PetGrid({ pets }: { pets: PetCardData[] }) {
  const [shown, removeShown] = useOptimistic(pets, (current, removedId: string) =>
    current.filter((pet) => pet.id !== removedId),
  );
  const [chosen, setChosen] = useState<PetCardData | null>(null);
  // Mounted from the first quick delete on, so it opens and closes as it always did afterwards.
  const [dialogWanted, setDialogWanted] = useState(false);
  // Once the server's list no longer has the pet (the deletion went through), the dialog is done.
  const deleting = chosen && pets.some((pet) => pet.id === chosen.id) ? chosen : null;

  return (
    <>
      <ul className="pet-grid">
        {shown.map((pet) => (
          <PetCard
            key={pet.id}
            pet={pet}
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
