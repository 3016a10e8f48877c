import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { createVaccination } from '@/actions/vaccinations';
import { VaccinationForm } from '@/components/care/vaccination-form';
import { vaccineSuggestions } from '@/lib/vaccinations';
import { carePetOr404 } from '../../care-or-404';
import { DEFAULT_REMIND_ME } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/vaccinations/new`);
  return { title: `Add a vaccination for ${pet.name}` };
}

export default async function NewVaccinationPage({ params }: Props) {
  const { id } = await params;
  const { pet, today } = await carePetOr404(id, `/pets/${id}/vaccinations/new`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Add a vaccination for {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <VaccinationForm
          mode="create"
          action={createVaccination}
          petId={pet.id}
          submissionId={randomUUID()}
          initial={{
            vaccine: '',
            givenOn: '',
            nextDueOn: '',
            nextDueInterval: '',
            clinic: '',
            batchNumber: '',
            notes: '',
            remindDaysBefore: DEFAULT_REMIND_ME,
          }}
          today={today}
          suggestions={vaccineSuggestions(pet.category)}
          cancelHref={`/pets/${pet.id}`}
        />
      </div>
    </div>
  );
}
