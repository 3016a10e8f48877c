// One pet in the list: picture, name, category and age, a due badge, the card a link to its page, with a
// quick Delete beside the link (a link to the confirmation page until JavaScript takes over).
import Link from 'next/link';
import type { MouseEvent } from 'react';
import type { DueBadge } from '@/lib/due-items';
import type { PhotoStatus } from '@/lib/photo-status';
import { PetPhoto } from './pet-photo';

/** What a card shows, and no more: the grid is a client component, so this travels in the page. */
export type PetCardData = {
  id: string;
  name: string;
  category: string;
  age: string;
  thumbnailUrl: string | null;
  photoStatus: PhotoStatus;
  /** Something overdue, or due within the "due soon" window (FR-048), with its words (worded on the
   * server: the labels' module is not the browser's); null: nothing. */
  due: { kind: DueBadge; label: string } | null;
};

type PetCardProps = { pet: PetCardData; onDelete?: (event: MouseEvent<HTMLAnchorElement>) => void };

export function PetCard({ pet, onDelete }: PetCardProps) {
  return (
    <li>
      <Link href={`/pets/${pet.id}`} className="pet-card">
        <PetPhoto
          id={pet.id}
          name={pet.name}
          imageUrl={pet.thumbnailUrl}
          status={pet.photoStatus}
          width={640}
          height={480}
          className="pet-card-picture"
        />
        <div className="pet-card-body">
          <h2 className="pet-card-name" dir="auto">
            {pet.name}
          </h2>
          <p className="pet-card-meta">
            <span className="pet-card-category" dir="auto">
              {pet.category}
            </span>
            <span className="pet-card-age">{pet.age}</span>
          </p>
          {/* Words, not a colour: the badge reads the same to a screen reader and in high contrast. */}
          {pet.due ? <p className={`pet-card-due pet-card-due-${pet.due.kind}`}>{pet.due.label}</p> : null}
        </div>
      </Link>
      {/* A plain link: with JavaScript the click opens the dialog instead, so there is nothing to prefetch. */}
      <a
        href={`/pets/${pet.id}/delete`}
        onClick={onDelete}
        aria-label={`Quick delete: ${pet.name}`}
        className="pet-card-delete"
      />
    </li>
  );
}
