import type { Metadata } from 'next';
import Link from 'next/link';
import { updateWeight } from '@/actions/weight';
import { WeightForm } from '@/components/care/weight-form';
import { weightInputValue } from '@/lib/weight-units';
import { weightOr404 } from '../../weight-pages';

type Params = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, recordId } = await params;
  const { pet } = await weightOr404(id, recordId, `/pets/${id}/weight/${recordId}/edit`);
  return { title: `Edit a weight of ${pet.name}` };
}

export default async function EditWeightPage({ params }: Params) {
  const { id, recordId } = await params;
  const { pet, record, preferences } = await weightOr404(id, recordId, `/pets/${id}/weight/${recordId}/edit`);
  const unit = preferences.weightUnit;
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/pets/${pet.id}#weight`} className="text-sm font-medium text-brand-700 hover:underline" dir="auto">
        ← {pet.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Edit a weight of {pet.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <WeightForm
          mode="edit"
          action={updateWeight}
          petId={pet.id}
          recordId={record.id}
          initial={{ date: record.date, weight: weightInputValue(record.grams, unit), note: record.note ?? '' }}
          unit={unit}
          timeZone={preferences.timeZone}
          cancelHref={`/pets/${pet.id}#weight`}
        />
      </div>
    </div>
  );
}
