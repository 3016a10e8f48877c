import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { createVetVisit } from '@/actions/visits';
import { VisitForm } from '@/components/care/visit-form';
import { carePetOr404 } from '../../care-or-404';
import { CareFormPage } from '../../care-page';
import { DEFAULT_REMIND_ME } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string }> };

const load = async ({ params }: Props) => {
  const { id } = await params;
  return carePetOr404(id, `/pets/${id}/visits/new`);
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Add a vet visit for ${pet.name}` };
}

export default async function NewVisitPage(props: Props) {
  const { pet, today } = await load(props);
  return (
    <CareFormPage
      back={{ href: `/pets/${pet.id}`, label: `← Back to ${pet.name}` }}
      title={`Add a vet visit for ${pet.name}`}
    >
      <VisitForm
        mode="create"
        action={createVetVisit}
        petId={pet.id}
        submissionId={randomUUID()}
        initial={{ visitedOn: '', reason: '', clinic: '', cost: '', notes: '', remindDaysBefore: DEFAULT_REMIND_ME }}
        today={today}
        cancelHref={`/pets/${pet.id}`}
      />
    </CareFormPage>
  );
}
