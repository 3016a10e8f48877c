// The page with every record of one kind of a pet (/pets/[id]/vaccinations, …/visits,
// …/medications): the pet page lists the newest ones only and links here.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CarePet } from '@/data/care/pet-access';

export function CareListPage({ pet, title, children }: { pet: CarePet; title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline" dir="auto">
        ← {pet.name}
      </Link>
      <h1 className="mt-3 text-3xl font-bold tracking-tight break-words" dir="auto">
        {title} of {pet.name}
      </h1>
      <div className="panel mt-6 p-4 sm:p-6">{children}</div>
    </div>
  );
}
