// One pet in the list: picture, name, category and age, the card a link to its page, with a
// quick Delete beside the link (a link to the confirmation page until JavaScript takes over).
import Link from 'next/link';
import type { MouseEvent } from 'react';
import type { Pet } from '@/data/pets';
import { ageInWords } from '@/lib/dates';
import { PetPhoto } from './pet-photo';

type PetCardProps = { pet: Pet; today: string; onDelete?: (event: MouseEvent<HTMLAnchorElement>) => void };

export function PetCard({ pet, today, onDelete }: PetCardProps) {
  return (
    <li className="relative">
      <Link
        href={`/pets/${pet.id}`}
        className="group block overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        <PetPhoto
          id={pet.id}
          name={pet.name}
          imageUrl={pet.thumbnailUrl}
          width={640}
          height={480}
          className="aspect-[4/3] w-full"
        />
        <div className="space-y-1 p-4">
          <h2 className="truncate text-lg font-semibold text-stone-900 group-hover:text-brand-700" dir="auto">
            {pet.name}
          </h2>
          <p className="flex items-center justify-between gap-2 text-sm text-stone-600">
            <span className="truncate rounded-full bg-stone-100 px-2 py-0.5 font-medium text-stone-700" dir="auto">
              {pet.category}
            </span>
            <span className="shrink-0">{ageInWords(pet.birthday, today)}</span>
          </p>
        </div>
      </Link>
      <Link
        href={`/pets/${pet.id}/delete`}
        onClick={onDelete}
        aria-label={`Quick delete: ${pet.name}`}
        className="absolute top-2 right-2 grid size-9 place-items-center rounded-full bg-white/90 text-stone-700 shadow-sm transition hover:bg-red-50 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
      >
        <svg
          viewBox="0 0 24 24"
          aria-hidden
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M3 6h18M8 6V4h8v2m-9 0 1 14h8l1-14" />
        </svg>
      </Link>
    </li>
  );
}
