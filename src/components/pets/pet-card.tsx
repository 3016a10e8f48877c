// One pet in the list: picture, name, category and age, the whole card a link to its page.
import Link from 'next/link';
import type { Pet } from '@/data/pets';
import { ageInWords } from '@/lib/dates';
import { PetPhoto } from './pet-photo';

export function PetCard({ pet, today }: { pet: Pet; today: string }) {
  return (
    <li>
      <Link
        href={`/pets/${pet.id}`}
        className="group block overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        <PetPhoto id={pet.id} name={pet.name} imageUrl={pet.thumbnailUrl} width={640} height={480} className="aspect-[4/3] w-full" />
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
    </li>
  );
}
