import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { createWeight } from '@/actions/weight';
import { WeightForm } from '@/components/care/weight-form';
import { todayIn } from '@/lib/dates';
import { petWeightsOr404 } from '../weight-pages';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { pet } = await petWeightsOr404(id, `/pets/${id}/weight/new`);
  return { title: `Add a weight for ${pet.name}` };
}

export default async function NewWeightPage({ params }: Params) {
  const { id } = await params;
  const { pet, preferences } = await petWeightsOr404(id, `/pets/${id}/weight/new`);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}#weight`} className="text-sm font-medium text-brand-700 hover:underline" dir="auto">
        ← {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Add a weight for {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <WeightForm
          mode="create"
          action={createWeight}
          petId={pet.id}
          initial={{ date: todayIn(preferences.timeZone), weight: '', note: '' }}
          unit={preferences.weightUnit}
          timeZone={preferences.timeZone}
          submissionId={randomUUID()}
          cancelHref={`/pets/${pet.id}#weight`}
        />
      </div>
    </div>
  );
}
