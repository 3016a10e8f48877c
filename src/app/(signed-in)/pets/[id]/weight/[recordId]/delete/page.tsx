import type { Metadata } from 'next';
import Link from 'next/link';
import { deleteWeight } from '@/actions/weight';
import { DeleteCareRecordForm } from '@/components/care/delete-care-record-form';
import { WEIGHT_DELETE_DESCRIPTION, weightRecordName } from '@/components/care/weight-table';
import { buttonVariants } from '@/components/ui/button';
import { weightOr404 } from '../../weight-pages';

type Params = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, recordId } = await params;
  const { pet } = await weightOr404(id, recordId, `/pets/${id}/weight/${recordId}/delete`);
  return { title: `Delete a weight of ${pet.name}` };
}

// The confirmation step of deleting a weighing when JavaScript is off (with it, a dialog asks instead).
export default async function DeleteWeightPage({ params }: Params) {
  const { id, recordId } = await params;
  const { pet, record, preferences } = await weightOr404(id, recordId, `/pets/${id}/weight/${recordId}/delete`);
  const name = weightRecordName(record, preferences.weightUnit);
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete {name} of {pet.name}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">{WEIGHT_DELETE_DESCRIPTION}</p>
      <DeleteCareRecordForm
        action={deleteWeight}
        petId={pet.id}
        id={record.id}
        submitLabel={`Delete ${name}`}
        cancel={
          <Link href={`/pets/${pet.id}#weight`} className={buttonVariants({ variant: 'secondary' })}>
            Cancel
          </Link>
        }
      />
    </div>
  );
}
