import type { Metadata } from 'next';
import Link from 'next/link';
import { WeightChart } from '@/components/care/weight-chart';
import { WeightTable } from '@/components/care/weight-table';
import { buttonVariants } from '@/components/ui/button';
import { listWeights } from '@/data/care/weights';
import { careOr404 } from '../care-or-404';

type Params = { params: Promise<{ id: string }> };

const load = async ({ params }: Params) => {
  const { id } = await params;
  return careOr404(`/pets/${id}/weight`, (user) => listWeights(user, id));
};

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { pet } = await load(props);
  return { title: `Weights of ${pet.name}` };
}

// Every weighing of a pet: the full chart and the full table.
export default async function PetWeightsPage(props: Params) {
  const { pet, records, preferences } = await load(props);
  const unit = preferences.weightUnit;
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={`/pets/${pet.id}`} className="text-sm font-medium text-brand-700 hover:underline" dir="auto">
        ← {pet.name}
      </Link>
      <div className="mt-3 mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight break-words" dir="auto">
          Weights of {pet.name}
        </h1>
        <Link href={`/pets/${pet.id}/weight/new`} className={buttonVariants()}>
          Add weight
        </Link>
      </div>
      <div className="panel space-y-6 p-4 sm:p-6">
        {records.length >= 2 ? (
          <WeightChart id="weight-chart" petName={pet.name} weighings={records} unit={unit} />
        ) : null}
        {records.length > 0 ? (
          <WeightTable
            petId={pet.id}
            caption={`All ${records.length} weighings of ${pet.name}, newest first`}
            records={records}
            unit={unit}
          />
        ) : (
          <p className="text-stone-600">No weights yet. Add one to start following {pet.name}’s weight.</p>
        )}
      </div>
    </div>
  );
}
