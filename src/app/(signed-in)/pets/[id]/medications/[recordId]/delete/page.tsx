import type { Metadata } from 'next';
import { deleteMedication } from '@/actions/medications';
import { deleteDescription } from '@/components/care/medications-section';
import { getMedication } from '@/data/care/medications';
import { careOr404 } from '../../../care-or-404';
import { CareDeletePage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/medications/${recordId}/delete`, (user) => getMedication(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { medication } = await load(props);
  return { title: `Delete ${medication.name}` };
}

export default async function DeleteMedicationPage(props: Props) {
  const { pet, medication } = await load(props);
  return (
    <CareDeletePage
      question={`Delete ${medication.name}?`}
      description={deleteDescription(medication.name)}
      action={deleteMedication}
      petId={pet.id}
      id={medication.id}
      submitLabel={`Delete medication ${medication.name}`}
      cancelHref={`/pets/${pet.id}/medications/${medication.id}`}
    />
  );
}
