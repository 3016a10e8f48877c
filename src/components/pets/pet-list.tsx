// The grid of /pets from the page's pets (a server component): each pet reduced to what its card
// shows, the age worded here, because the grid is a client component and its props are sent to
// the browser in the page's RSC payload (the full Pet has two signed URLs, dates, a version…); its
// due badge is one word's key (FR-048).
import type { Pet } from '@/data/pets';
import { ageInWords } from '@/lib/dates';
import { DUE_BADGE_LABELS, type DueBadge } from '@/lib/due-items';
import { PetGrid } from './pet-grid';
import { RefreshWhileProcessing } from './refresh-while-processing';

type PetListProps = { pets: Pet[]; today: string; badges: ReadonlyMap<string, DueBadge> };

export function PetList({ pets, today, badges }: PetListProps) {
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
          due: dueOf(badges.get(pet.id)),
        }))}
      />
    </>
  );
}

function dueOf(badge: DueBadge | undefined) {
  return badge ? { kind: badge, label: DUE_BADGE_LABELS[badge] } : null;
}
