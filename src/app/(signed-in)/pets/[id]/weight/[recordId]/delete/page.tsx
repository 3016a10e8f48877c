import type { Metadata } from 'next';
import { deleteWeight } from '@/actions/weight';
import { WEIGHT_DELETE_DESCRIPTION, weightRecordName } from '@/components/care/weight-table';
import { getWeight } from '@/data/care/weights';
import { careOr404 } from '../../../care-or-404';
import { CareDeletePage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/weight/${recordId}/delete`, (user) => getWeight(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Delete a weight of ${pet.name}` };
}

export default async function DeleteWeightPage(props: Props) {
  const { pet, record, preferences } = await load(props);
  const name = weightRecordName(record, preferences.weightUnit);
  return (
    <CareDeletePage
      question={`Delete ${name} of ${pet.name}?`}
      description={WEIGHT_DELETE_DESCRIPTION}
      action={deleteWeight}
      petId={pet.id}
      id={record.id}
      submitLabel={`Delete ${name}`}
      cancelHref={`/pets/${pet.id}#weight`}
    />
  );
}
