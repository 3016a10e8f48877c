import type { Metadata } from 'next';
import Link from 'next/link';
import { updatePet } from '@/actions/pets';
import { PetForm } from '@/components/pets/pet-form';
import { petFormConstraints } from '@/lib/validations/pet-constraints';
import { petOr404 } from '../pet-or-404';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}`);
  return { title: `Edit ${pet.name}` };
}

export default async function EditPetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}/edit`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Edit {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <PetForm
          mode="edit"
          action={updatePet}
          initial={{ name: pet.name, category: pet.category, birthday: pet.birthday, gender: pet.gender }}
          pet={{ id: pet.id, version: pet.version }}
          cancelHref={`/pets/${pet.id}`}
          constraints={petFormConstraints()}
          draftKey={`edit:${pet.id}`}
          photoUrl={pet.thumbnailUrl}
        />
      </div>
    </div>
  );
}
