// Every medication of a pet (its Medications page): active treatments (with the next dose and
// "Mark given" / "Skip" when one is due) and finished ones (end date passed), newest first, each
// with its page, edit and delete, and "Add medication".
import Link from 'next/link';
import { deleteMedication } from '@/actions/medications';
import { listMedications, type Medication } from '@/data/care/medications';
import type { SessionUser } from '@/data/session';
import { buttonVariants } from '@/components/ui/button';
import { DeleteCareRecordButton } from './delete-care-record-button';
import { MedicationNextDose } from './medication-next-dose';

export async function MedicationsSection({ user, petId }: { user: SessionUser; petId: string }) {
  const found = await listMedications(user, petId, new Date());
  if (!found) return null;
  const active = found.medications.filter((medication) => !medication.finished);
  const finished = found.medications.filter((medication) => medication.finished);
  return (
    <section id="medications" aria-labelledby="medications-heading" className="panel space-y-4 p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="medications-heading" className="text-xl font-semibold">
          Medications
        </h3>
        <Link href={`/pets/${petId}/medications/new`} className={buttonVariants({ size: 'sm' })}>
          Add medication
        </Link>
      </div>
      {found.medications.length === 0 ? <p className="text-stone-600">No medications or treatments yet.</p> : null}
      {active.length > 0 ? <MedicationList heading="Active" medications={active} /> : null}
      {finished.length > 0 ? <MedicationList heading="Finished" medications={finished} /> : null}
    </section>
  );
}

function MedicationList({ heading, medications }: { heading: string; medications: Medication[] }) {
  const id = `medications-${heading.toLowerCase()}`;
  return (
    <div>
      <h4 id={id} className="mb-2 text-sm font-semibold tracking-wide text-stone-600 uppercase">
        {heading}
      </h4>
      <ul aria-labelledby={id} className="divide-y divide-stone-100">
        {medications.map((medication) => (
          <li key={medication.id} className="space-y-2 py-3">
            <MedicationSummary medication={medication} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MedicationSummary({ medication, withLinks = true }: { medication: Medication; withLinks?: boolean }) {
  const page = `/pets/${medication.petId}/medications/${medication.id}`;
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="min-w-0 break-words">
          {withLinks ? (
            <Link href={page} className="font-semibold text-brand-700 hover:underline" dir="auto">
              {medication.name}
            </Link>
          ) : (
            <span className="font-semibold" dir="auto">
              {medication.name}
            </span>
          )}{' '}
          <span className="text-sm text-stone-600">
            {medication.kindLabel}
            {medication.dose ? ` · ${medication.dose}` : ''}
          </span>
        </p>
        {withLinks ? (
          <div className="flex gap-2">
            <Link
              href={`${page}/edit`}
              aria-label={`Edit medication ${medication.name}`}
              className={buttonVariants({ variant: 'secondary', size: 'sm' })}
            >
              Edit
            </Link>
            <DeleteCareRecordButton
              action={deleteMedication}
              petId={medication.petId}
              id={medication.id}
              triggerDetail={`medication ${medication.name}`}
              question={`Delete ${medication.name}?`}
              description={deleteDescription(medication.name)}
              submitLabel={`Delete medication ${medication.name}`}
              confirmHref={`${page}/delete`}
            />
          </div>
        ) : null}
      </div>
      <p className="text-sm text-stone-700">
        {medication.scheduleText} · {medication.period}
      </p>
      <MedicationNextDose medication={medication} />
    </>
  );
}

export function deleteDescription(name: string): string {
  return `This removes ${name} and every dose recorded for it, for good. It cannot be undone.`;
}
