import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { createVetVisit } from '@/actions/visits';
import { VisitForm } from '@/components/care/visit-form';
import { carePetOr404 } from '../../care-or-404';
import { DEFAULT_REMIND_ME } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await carePetOr404(id, `/pets/${id}/visits/new`);
  return { title: `Add a vet visit for ${pet.name}` };
}

export default async function NewVisitPage({ params }: Props) {
  const { id } = await params;
  const { pet, today } = await carePetOr404(id, `/pets/${id}/visits/new`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Add a vet visit for {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <VisitForm
          mode="create"
          action={createVetVisit}
          petId={pet.id}
          submissionId={randomUUID()}
          initial={{ visitedOn: '', reason: '', clinic: '', cost: '', notes: '', remindDaysBefore: DEFAULT_REMIND_ME }}
          today={today}
          cancelHref={`/pets/${pet.id}`}
        />
      </div>
    </div>
  );
}
