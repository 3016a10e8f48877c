import type { Metadata } from 'next';
import Link from 'next/link';
import { PetHealth } from '@/components/care/pet-health';
import { ClearDraft } from '@/components/pets/clear-draft';
import { DeletePetButton } from '@/components/pets/delete-pet-button';
import { PetPhoto } from '@/components/pets/pet-photo';
import { RefreshWhileProcessing } from '@/components/pets/refresh-while-processing';
import { buttonVariants } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { ageInWords, formatCalendarDate, todayIn } from '@/lib/dates';
import { GENDER_LABELS } from '@/lib/pet-genders';
import { PHOTO_STATUS_MESSAGES } from '@/lib/photo-status';
import { requireUser } from '@/data/session';
import { petOr404 } from './pet-or-404';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ updated?: string; care?: string }>;
};

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const pet = await petOr404(id, `/pets/${id}`);
  return { title: pet.name };
}

export default async function PetPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { updated, care } = await searchParams;
  const pet = await petOr404(id, `/pets/${id}`);
  const user = await requireUser(`/pets/${id}`);
  const details = [
    { label: 'Category', value: pet.category },
    { label: 'Birthday', value: `${formatCalendarDate(pet.birthday)} (${ageInWords(pet.birthday, todayIn('UTC'))})` },
    { label: 'Gender', value: GENDER_LABELS[pet.gender] },
    { label: 'Added', value: formatCalendarDate(pet.createdAt.slice(0, 10)) },
  ];

  return (
    <article className="mx-auto max-w-4xl">
      {updated === '1' ? <ClearDraft draftKey={`edit:${pet.id}`} /> : null}
      <Link href="/pets" className="text-sm font-medium text-brand-700 hover:underline">
        ← My pets
      </Link>
      {updated === '1' ? <Notice className="mt-4">Changes saved.</Notice> : null}
      {pet.photoStatus === 'processing' ? <RefreshWhileProcessing /> : null}
      {pet.photoStatus === 'failed' ? (
        <div role="alert" className="mt-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {PHOTO_STATUS_MESSAGES.failed}{' '}
          <Link href={`/pets/${pet.id}/edit`} className="font-semibold underline">
            Choose another photo
          </Link>
        </div>
      ) : null}
      <div className="panel mt-4 grid gap-8 overflow-hidden md:grid-cols-2">
        <PetPhoto
          id={pet.id}
          name={pet.name}
          imageUrl={pet.imageUrl}
          status={pet.photoStatus}
          priority
          className="aspect-square w-full md:h-full"
        />
        <div className="flex flex-col p-6 md:py-8 md:pr-8 md:pl-0">
          <h1 className="text-3xl font-bold tracking-tight break-words" dir="auto">
            {pet.name}
          </h1>
          <dl className="mt-6 divide-y divide-stone-100">
            {details.map((detail) => (
              <div key={detail.label} className="grid grid-cols-3 gap-4 py-3">
                <dt className="text-sm font-medium text-stone-500">{detail.label}</dt>
                <dd className="col-span-2 break-words text-stone-900" dir="auto">
                  {detail.value}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-auto flex gap-3 pt-8">
            <Link href={`/pets/${pet.id}/edit`} className={buttonVariants({ className: 'flex-1 sm:flex-none' })}>
              Edit
            </Link>
            <DeletePetButton id={pet.id} name={pet.name} />
          </div>
        </div>
      </div>
      <PetHealth user={user} pet={pet} notice={care} />
    </article>
  );
}
