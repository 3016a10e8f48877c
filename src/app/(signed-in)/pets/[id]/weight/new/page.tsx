import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { createWeight } from '@/actions/weight';
import { WeightForm } from '@/components/care/weight-form';
import { carePetOr404 } from '../../care-or-404';
import { CareFormPage } from '../../care-page';

type Props = { params: Promise<{ id: string }> };

const load = async ({ params }: Props) => {
  const { id } = await params;
  return carePetOr404(id, `/pets/${id}/weight/new`);
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Add a weight for ${pet.name}` };
}

export default async function NewWeightPage(props: Props) {
  const { pet, preferences, today } = await load(props);
  const section = `/pets/${pet.id}#weight`;
  return (
    <CareFormPage back={{ href: section, label: `← ${pet.name}` }} title={`Add a weight for ${pet.name}`}>
      <WeightForm
        mode="create"
        action={createWeight}
        petId={pet.id}
        initial={{ date: today, weight: '', note: '' }}
        unit={preferences.weightUnit}
        timeZone={preferences.timeZone}
        submissionId={randomUUID()}
        cancelHref={section}
      />
    </CareFormPage>
  );
}
