import type { Metadata } from 'next';
import Link from 'next/link';
import { DeletePetForm } from '@/components/pets/delete-pet-form';
import { buttonVariants } from '@/components/ui/button';
import { petOr404 } from '../pet-or-404';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}`);
  return { title: `Delete ${pet.name}` };
}

// The confirmation step of Delete when JavaScript is off (with it, a dialog asks instead).
export default async function DeletePetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}/delete`);
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete {pet.name}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">
        This removes {pet.name}’s profile and photo for good. It cannot be undone.
      </p>
      <DeletePetForm
        id={pet.id}
        name={pet.name}
        cancel={
          <Link href={`/pets/${pet.id}`} className={buttonVariants({ variant: 'secondary' })}>
            Cancel
          </Link>
        }
      />
    </div>
  );
}
