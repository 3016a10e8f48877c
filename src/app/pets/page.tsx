import type { Metadata } from 'next';
import { PawIcon } from '@/components/brand';
import { requireUser } from '@/data/session';

export const metadata: Metadata = { title: 'My pets' };

export default async function PetsPage() {
  await requireUser('/pets');
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">My pets</h1>
      <section className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-stone-300 bg-white px-6 py-16 text-center">
        <span className="grid size-16 place-items-center rounded-full bg-brand-100 text-brand-700">
          <PawIcon className="size-8" />
        </span>
        <h2 className="mt-4 text-xl font-semibold">No pets yet</h2>
        <p className="mt-2 max-w-sm text-stone-600">Add your first pet to keep their profile and photo in one place.</p>
      </section>
    </>
  );
}
