import type { Metadata } from 'next';
import { updateVetVisit } from '@/actions/visits';
import { VisitDocuments } from '@/components/care/visit-documents';
import { VisitForm } from '@/components/care/visit-form';
import { getVetVisit } from '@/data/care/visits';
import { remindMeValue } from '@/lib/remind-me';
import { costInput, visitName } from '@/lib/vet-visits';
import { careOr404 } from '../../../care-or-404';
import { CareFormPage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/visits/${recordId}/edit`, (user) => getVetVisit(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { pet, record: visit } = await load(props);
  return { title: `Edit the vet visit ${visitName(visit)} — ${pet.name}` };
}

export default async function EditVisitPage(props: Props & { searchParams: Promise<{ documents?: string }> }) {
  const { pet, record: visit, today } = await load(props);
  const { documents } = await props.searchParams;
  return (
    <>
      <CareFormPage
        back={{ href: `/pets/${pet.id}`, label: `← Back to ${pet.name}` }}
        title={`Edit the vet visit ${visitName(visit)}`}
      >
        <VisitForm
          mode="edit"
          action={updateVetVisit}
          petId={pet.id}
          recordId={visit.id}
          initial={{
            visitedOn: visit.visitedOn,
            reason: visit.reason,
            clinic: visit.clinic ?? '',
            cost: visit.costCents === null ? '' : costInput(visit.costCents),
            notes: visit.notes ?? '',
            remindDaysBefore: remindMeValue(visit.remindDaysBefore),
          }}
          today={today}
          cancelHref={`/pets/${pet.id}`}
        />
      </CareFormPage>
      <div className="mx-auto max-w-2xl">
        <VisitDocuments petId={pet.id} visitId={visit.id} notice={documents} />
      </div>
    </>
  );
}
