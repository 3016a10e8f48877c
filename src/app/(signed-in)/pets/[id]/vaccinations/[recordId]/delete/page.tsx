import type { Metadata } from 'next';
import Link from 'next/link';
import { deleteVaccination } from '@/actions/vaccinations';
import { DeleteCareRecordForm } from '@/components/care/delete-care-record-form';
import { buttonVariants } from '@/components/ui/button';
import { vaccinationName } from '@/lib/vaccinations';
import { vaccinationOr404 } from '../../../care-or-404';

type Props = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, recordId } = await params;
  const { vaccination } = await vaccinationOr404(id, recordId, `/pets/${id}/vaccinations/${recordId}/delete`);
  return { title: `Delete the vaccination ${vaccinationName(vaccination)}` };
}

// The confirmation step of Delete when JavaScript is off (with it, a dialog asks instead).
export default async function DeleteVaccinationPage({ params }: Props) {
  const { id, recordId } = await params;
  const { pet, vaccination } = await vaccinationOr404(id, recordId, `/pets/${id}/vaccinations/${recordId}/delete`);
  const name = vaccinationName(vaccination);
  return (
    <div className="panel mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold break-words" dir="auto">
        Delete the vaccination {name}?
      </h1>
      <p className="mt-2 mb-6 text-stone-600">
        This removes it from {pet.name}’s health record for good. It cannot be undone.
      </p>
      <DeleteCareRecordForm
        action={deleteVaccination}
        petId={pet.id}
        id={vaccination.id}
        submitLabel="Delete vaccination"
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
