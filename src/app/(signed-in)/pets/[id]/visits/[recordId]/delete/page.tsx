import type { Metadata } from 'next';
import Link from 'next/link';
import { deleteVetVisit } from '@/actions/visits';
import { DeleteCareRecordForm } from '@/components/care/delete-care-record-form';
import { buttonVariants } from '@/components/ui/button';
import { visitName } from '@/lib/vet-visits';
import { visitOr404 } from '../../../care-or-404';

type Props = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, recordId } = await params;
  const { visit } = await visitOr404(id, recordId, `/pets/${id}/visits/${recordId}/delete`);
  return { title: `Delete the vet visit ${visitName(visit)}` };
}

// The confirmation step of Delete when JavaScript is off (with it, a dialog asks instead).
export default async function DeleteVisitPage({ params }: Props) {
  const { id, recordId } = await params;
  const { pet, visit } = await visitOr404(id, recordId, `/pets/${id}/visits/${recordId}/delete`);
  const name = visitName(visit);
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete the vet visit {name}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">
        This removes it from {pet.name}’s health record for good. It cannot be undone.
      </p>
      <DeleteCareRecordForm
        action={deleteVetVisit}
        petId={pet.id}
        id={visit.id}
        submitLabel="Delete vet visit"
        recordName={name}
        cancel={
          <Link href={`/pets/${pet.id}`} className={buttonVariants({ variant: 'secondary' })}>
            Cancel
          </Link>
        }
      />
    </div>
  );
}
