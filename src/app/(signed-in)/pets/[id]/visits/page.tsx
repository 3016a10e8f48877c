import type { Metadata } from 'next';
import { CareListPage } from '@/components/care/care-list-page';
import { VisitsSection } from '@/components/care/visits-section';
import { carePetOr404 } from '../care-or-404';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/visits`);
  return { title: `Vet visits of ${pet.name}` };
}

// Every vet visit of a pet, newest first (the pet page lists the newest few).
export default async function PetVisitsPage({ params }: Props) {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/visits`);
  return (
    <CareListPage pet={pet} title="Vet visits">
      <VisitsSection petId={pet.id} />
    </CareListPage>
  );
}
