import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { createMedication } from '@/actions/medications';
import { MedicationForm } from '@/components/care/medication-form';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { EMPTY_MEDICATION_VALUES } from '@/lib/validations/medication';
import { petOr404 } from '../../pet-or-404';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}/medications/new`);
  return { title: `Add a medication for ${pet.name}` };
}

export default async function NewMedicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}/medications/new`);
  const { timeZone } = await getPreferences(await requireUser(`/pets/${id}/medications/new`));
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}#medications`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Add a medication for {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <MedicationForm
          mode="create"
          action={createMedication}
          petId={pet.id}
          submissionId={randomUUID()}
          initial={EMPTY_MEDICATION_VALUES}
          cancelHref={`/pets/${pet.id}#medications`}
          timeZone={timeZone}
        />
      </div>
    </div>
  );
}
