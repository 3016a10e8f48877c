import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { createVaccination } from '@/actions/vaccinations';
import { VaccinationForm } from '@/components/care/vaccination-form';
import { vaccineSuggestions } from '@/lib/vaccinations';
import { carePetOr404 } from '../../care-or-404';
import { CareFormPage } from '../../care-page';
import { DEFAULT_REMIND_ME } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string }> };

const load = async ({ params }: Props) => {
  const { id } = await params;
  return carePetOr404(id, `/pets/${id}/vaccinations/new`);
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Add a vaccination for ${pet.name}` };
}

export default async function NewVaccinationPage(props: Props) {
  const { pet, today } = await load(props);
  return (
    <CareFormPage
      back={{ href: `/pets/${pet.id}`, label: `← Back to ${pet.name}` }}
      title={`Add a vaccination for ${pet.name}`}
    >
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
    </CareFormPage>
  );
}
