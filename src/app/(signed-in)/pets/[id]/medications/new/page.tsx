import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { createMedication } from '@/actions/medications';
import { MedicationForm } from '@/components/care/medication-form';
import { EMPTY_MEDICATION_VALUES } from '@/lib/validations/medication';
import { carePetOr404 } from '../../care-or-404';
import { CareFormPage } from '../../care-page';

type Props = { params: Promise<{ id: string }> };

const load = async ({ params }: Props) => {
  const { id } = await params;
  return carePetOr404(id, `/pets/${id}/medications/new`);
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Add a medication for ${pet.name}` };
}

export default async function NewMedicationPage(props: Props) {
  const { pet, preferences } = await load(props);
  const section = `/pets/${pet.id}#medications`;
  return (
    <CareFormPage back={{ href: section, label: `← Back to ${pet.name}` }} title={`Add a medication for ${pet.name}`}>
      <MedicationForm
        mode="create"
        action={createMedication}
        petId={pet.id}
        submissionId={randomUUID()}
        initial={EMPTY_MEDICATION_VALUES}
        cancelHref={section}
        timeZone={preferences.timeZone}
      />
    </CareFormPage>
  );
}
