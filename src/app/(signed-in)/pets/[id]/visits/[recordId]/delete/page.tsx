import type { Metadata } from 'next';
import { deleteVetVisit } from '@/actions/visits';
import { getVetVisit } from '@/data/care/visits';
import { visitName } from '@/lib/vet-visits';
import { careOr404 } from '../../../care-or-404';
import { CareDeletePage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/visits/${recordId}/delete`, (user) => getVetVisit(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { record: visit } = await load(props);
  return { title: `Delete the vet visit ${visitName(visit)}` };
}

export default async function DeleteVisitPage(props: Props) {
  const { pet, record: visit } = await load(props);
  const name = visitName(visit);
  return (
    <CareDeletePage
      question={`Delete the vet visit ${name}?`}
      description={`This removes it from ${pet.name}’s health record for good. It cannot be undone.`}
      action={deleteVetVisit}
      petId={pet.id}
      id={visit.id}
      submitLabel="Delete vet visit"
      recordName={name}
      cancelHref={`/pets/${pet.id}`}
    />
  );
}
