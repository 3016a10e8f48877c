import type { Metadata } from 'next';
import { updateVaccination } from '@/actions/vaccinations';
import { VaccinationForm } from '@/components/care/vaccination-form';
import { getVaccination } from '@/data/care/vaccinations';
import { vaccineSuggestions } from '@/lib/vaccinations';
import { careOr404 } from '../../../care-or-404';
import { CareFormPage } from '../../../care-page';
import { remindMeValue } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/vaccinations/${recordId}/edit`, (user) => getVaccination(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet, record: vaccination } = await load(props);
  return { title: `Edit ${vaccination.vaccine} — ${pet.name}` };
}

export default async function EditVaccinationPage(props: Props) {
  const { pet, record: vaccination, today } = await load(props);
  return (
    <CareFormPage
      back={{ href: `/pets/${pet.id}`, label: `← Back to ${pet.name}` }}
      title={`Edit the ${vaccination.vaccine} vaccination of ${pet.name}`}
    >
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
    </CareFormPage>
  );
}
