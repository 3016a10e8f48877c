import type { Metadata } from 'next';
import Link from 'next/link';
import { updateVetVisit } from '@/actions/visits';
import { VisitForm } from '@/components/care/visit-form';
import { costInput, visitName } from '@/lib/vet-visits';
import { visitOr404 } from '../../../care-or-404';
import { remindMeValue } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, recordId } = await params;
  const { pet, visit } = await visitOr404(id, recordId, `/pets/${id}/visits/${recordId}/edit`);
  return { title: `Edit the vet visit ${visitName(visit)} — ${pet.name}` };
}

export default async function EditVisitPage({ params }: Props) {
  const { id, recordId } = await params;
  const { pet, visit, today } = await visitOr404(id, recordId, `/pets/${id}/visits/${recordId}/edit`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Edit the vet visit {visitName(visit)}
      </h1>
      <div className="panel p-6 sm:p-8">
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
      </div>
    </div>
  );
}
