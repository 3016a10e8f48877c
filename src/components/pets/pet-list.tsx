// The grid of /pets from the page's pets (a server component): each pet reduced to what its card
// shows, the age worded here, because the grid is a client component and its props are sent to
// the browser in the page's RSC payload (the full Pet has two signed URLs, dates, a version…).
import type { Pet } from '@/data/pets';
import { ageInWords } from '@/lib/dates';
import { PetGrid } from './pet-grid';
import { RefreshWhileProcessing } from './refresh-while-processing';

export function PetList({ pets, today }: { pets: Pet[]; today: string }) {
  // A photo still being processed: the list refreshes itself until it is ready (or failed).
  const processing = pets.some((pet) => pet.photoStatus === 'processing');
  return (
    <>
      {processing ? <RefreshWhileProcessing /> : null}
      <PetGrid
        pets={pets.map((pet) => ({
          id: pet.id,
          name: pet.name,
          category: pet.category,
          age: ageInWords(pet.birthday, today),
          thumbnailUrl: pet.thumbnailUrl,
          photoStatus: pet.photoStatus,
        }))}
      />
    </>
  );
}
