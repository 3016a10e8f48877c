import type { Metadata } from 'next';
import { CareListPage } from '@/components/care/care-list-page';
import { VaccinationsSection } from '@/components/care/vaccinations-section';
import { carePetOr404 } from '../care-or-404';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/vaccinations`);
  return { title: `Vaccinations of ${pet.name}` };
}

// Every vaccination of a pet, newest first (the pet page lists the newest few).
export default async function PetVaccinationsPage({ params }: Props) {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/vaccinations`);
  return (
    <CareListPage pet={pet} title="Vaccinations">
      <VaccinationsSection petId={pet.id} />
    </CareListPage>
  );
}
