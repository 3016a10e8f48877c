import type { Metadata } from 'next';
import Link from 'next/link';
import { deleteMedication } from '@/actions/medications';
import { DeleteCareRecordForm } from '@/components/care/delete-care-record-form';
import { deleteDescription } from '@/components/care/medications-section';
import { buttonVariants } from '@/components/ui/button';
import { medicationOr404 } from '../medication-or-404';

type Params = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, recordId } = await params;
  const { medication } = await medicationOr404(id, recordId, `/pets/${id}/medications/${recordId}/delete`);
  return { title: `Delete ${medication.name}` };
}

// The confirmation step of Delete when JavaScript is off (with it, a dialog asks instead).
export default async function DeleteMedicationPage({ params }: Params) {
  const { id, recordId } = await params;
  const { pet, medication } = await medicationOr404(id, recordId, `/pets/${id}/medications/${recordId}/delete`);
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete {medication.name}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">{deleteDescription(medication.name)}</p>
      <DeleteCareRecordForm
        action={deleteMedication}
        petId={pet.id}
        id={medication.id}
        submitLabel={`Delete medication ${medication.name}`}
        cancel={
          <Link
            href={`/pets/${pet.id}/medications/${medication.id}`}
            className={buttonVariants({ variant: 'secondary' })}
          >
            Cancel
          </Link>
        }
      />
    </div>
  );
}
