import type { Metadata } from 'next';
import Link from 'next/link';
import { updateVaccination } from '@/actions/vaccinations';
import { VaccinationForm } from '@/components/care/vaccination-form';
import { vaccineSuggestions } from '@/lib/vaccinations';
import { vaccinationOr404 } from '../../../care-or-404';
import { remindMeValue } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, recordId } = await params;
  const { pet, vaccination } = await vaccinationOr404(id, recordId, `/pets/${id}/vaccinations/${recordId}/edit`);
  return { title: `Edit ${vaccination.vaccine} — ${pet.name}` };
}

export default async function EditVaccinationPage({ params }: Props) {
  const { id, recordId } = await params;
  const { pet, vaccination, today } = await vaccinationOr404(id, recordId, `/pets/${id}/vaccinations/${recordId}/edit`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Edit the {vaccination.vaccine} vaccination of {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <VaccinationForm
          mode="edit"
          action={updateVaccination}
          petId={pet.id}
          recordId={vaccination.id}
          initial={{
            vaccine: vaccination.vaccine,
            givenOn: vaccination.givenOn,
            nextDueOn: vaccination.nextDueOn ?? '',
            nextDueInterval: '',
            clinic: vaccination.clinic ?? '',
            batchNumber: vaccination.batchNumber ?? '',
            notes: vaccination.notes ?? '',
            remindDaysBefore: remindMeValue(vaccination.remindDaysBefore),
          }}
          today={today}
          suggestions={vaccineSuggestions(pet.category)}
          cancelHref={`/pets/${pet.id}`}
        />
      </div>
    </div>
  );
}
