import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { createPet } from '@/actions/pets';
import { PetForm } from '@/components/pets/pet-form';
import { petFormConstraints } from '@/lib/validations/pet-constraints';
import { requireUser } from '@/data/session';

export const metadata: Metadata = { title: 'Add a pet' };

export default async function NewPetPage() {
  await requireUser('/pets/new');
  return (
    <div className="mx-auto max-w-2xl">
      <Link href="/pets" className="text-sm font-medium text-brand-700 hover:underline">
        ← My pets
      </Link>
      <h1 className="mt-3 text-3xl font-bold tracking-tight">Add a pet</h1>
      <p className="mt-1 mb-8 text-stone-600">All fields are required.</p>
      <div className="panel p-6 sm:p-8">
        <PetForm
          mode="create"
          action={createPet}
          initial={{ name: '', category: '', birthday: '', gender: '' }}
          cancelHref="/pets"
          constraints={petFormConstraints()}
          draftKey="new"
          submissionId={randomUUID()}
        />
      </div>
    </div>
  );
}
