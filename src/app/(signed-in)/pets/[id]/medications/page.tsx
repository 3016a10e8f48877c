import type { Metadata } from 'next';
import { CareListPage } from '@/components/care/care-list-page';
import { MedicationsSection } from '@/components/care/medications-section';
import { requireUser } from '@/data/session';
import { carePetOr404 } from '../care-or-404';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/medications`);
  return { title: `Medications of ${pet.name}` };
}

// Every medication of a pet, newest first (the pet page lists the newest few).
export default async function PetMedicationsPage({ params }: Params) {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/medications`);
  const user = await requireUser(`/pets/${id}/medications`);
  return (
    <CareListPage pet={pet} title="Medications">
      <MedicationsSection user={user} petId={pet.id} />
    </CareListPage>
  );
}
