import type { Metadata } from 'next';
import Link from 'next/link';
import { MedicationSummary } from '@/components/care/medications-section';
import { CareNotice } from '@/components/care/care-notice';
import { formatCalendarDate } from '@/lib/dates';
import { getMedication } from '@/data/care/medications';
import { careOr404 } from '../../care-or-404';

type Params = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Params) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/medications/${recordId}`, (user) => getMedication(user, id, recordId));
};

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { medication, pet } = await load(props);
  return { title: `${medication.name} for ${pet.name}` };
}

export default async function MedicationPage(props: Params & { searchParams: Promise<{ care?: string }> }) {
  const { care } = await props.searchParams;
  const { pet, medication, history } = await load(props);
  return (
    <article className="mx-auto max-w-2xl space-y-6">
      <Link href={`/pets/${pet.id}#medications`} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {pet.name}
      </Link>
      <CareNotice notice={care} prefix="medication-saved" className="" />
      <h1 className="text-3xl font-bold tracking-tight break-words" dir="auto">
        {medication.name}
      </h1>
      <div className="panel space-y-3 p-6">
        <MedicationSummary medication={medication} />
        {medication.notes ? (
          <p className="text-sm whitespace-pre-line text-stone-700" dir="auto">
            {medication.notes}
          </p>
        ) : null}
        <p className="text-xs text-stone-600">
          Started {formatCalendarDate(medication.schedule.startDate)}; times are in your account’s time zone.
        </p>
      </div>
      <section aria-labelledby="dose-history-heading" className="panel p-6">
        <h2 id="dose-history-heading" className="text-xl font-semibold">
          Latest doses
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-stone-600">No doses recorded yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100">
            {history.map((dose) => (
              <li key={dose.scheduledAt} className="py-2 text-sm">
                <span className="font-medium">{dose.when}</span>: {dose.status === 'given' ? 'Given' : 'Skipped'} by{' '}
                <span dir="auto">{dose.by}</span> ({dose.recordedAt})
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
