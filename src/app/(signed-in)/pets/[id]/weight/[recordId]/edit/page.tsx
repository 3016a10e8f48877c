import type { Metadata } from 'next';
import { updateWeight } from '@/actions/weight';
import { WeightForm } from '@/components/care/weight-form';
import { getWeight } from '@/data/care/weights';
import { weightInputValue } from '@/lib/weight-units';
import { careOr404 } from '../../../care-or-404';
import { CareFormPage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/weight/${recordId}/edit`, (user) => getWeight(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Edit a weight of ${pet.name}` };
}

export default async function EditWeightPage(props: Props) {
  const { pet, record, preferences } = await load(props);
  const unit = preferences.weightUnit;
  const section = `/pets/${pet.id}#weight`;
  return (
    <CareFormPage back={{ href: section, label: `← ${pet.name}` }} title={`Edit a weight of ${pet.name}`}>
      <WeightForm
        mode="edit"
        action={updateWeight}
        petId={pet.id}
        recordId={record.id}
        initial={{ date: record.date, weight: weightInputValue(record.grams, unit), note: record.note ?? '' }}
        unit={unit}
        timeZone={preferences.timeZone}
        cancelHref={section}
      />
    </CareFormPage>
  );
}
