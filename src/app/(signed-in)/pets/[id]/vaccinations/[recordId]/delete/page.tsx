import type { Metadata } from 'next';
import { deleteVaccination } from '@/actions/vaccinations';
import { getVaccination } from '@/data/care/vaccinations';
import { vaccinationName } from '@/lib/vaccinations';
import { careOr404 } from '../../../care-or-404';
import { CareDeletePage } from '../../../care-page';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/vaccinations/${recordId}/delete`, (user) => getVaccination(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { record: vaccination } = await load(props);
  return { title: `Delete the vaccination ${vaccinationName(vaccination)}` };
}

export default async function DeleteVaccinationPage(props: Props) {
  const { pet, record: vaccination } = await load(props);
  const name = vaccinationName(vaccination);
  return (
    <CareDeletePage
      question={`Delete the vaccination ${name}?`}
      description={`This removes it from ${pet.name}’s health record for good. It cannot be undone.`}
      action={deleteVaccination}
      petId={pet.id}
      id={vaccination.id}
      submitLabel="Delete vaccination"
      recordName={name}
      cancelHref={`/pets/${pet.id}`}
    />
  );
}
