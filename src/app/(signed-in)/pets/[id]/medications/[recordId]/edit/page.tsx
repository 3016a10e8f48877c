import type { Metadata } from 'next';
import Link from 'next/link';
import { updateMedication } from '@/actions/medications';
import { MedicationForm } from '@/components/care/medication-form';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { EMPTY_MEDICATION_VALUES } from '@/lib/validations/medication';
import { medicationOr404 } from '../medication-or-404';
import { remindMeValue } from '@/lib/remind-me';

type Params = { params: Promise<{ id: string; recordId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, recordId } = await params;
  const { medication } = await medicationOr404(id, recordId, `/pets/${id}/medications/${recordId}/edit`);
  return { title: `Edit ${medication.name}` };
}

export default async function EditMedicationPage({ params }: Params) {
  const { id, recordId } = await params;
  const returnTo = `/pets/${id}/medications/${recordId}/edit`;
  const { pet, medication } = await medicationOr404(id, recordId, returnTo);
  const { timeZone } = await getPreferences(await requireUser(returnTo));
  const { schedule } = medication;
  const page = `/pets/${pet.id}/medications/${medication.id}`;
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={page} className="text-sm font-medium text-brand-700 hover:underline">
        ← Back to {medication.name}
      </Link>
      <h1 className="mt-3 mb-8 text-3xl font-bold tracking-tight break-words" dir="auto">
        Edit {medication.name}
      </h1>
      <div className="panel p-6 sm:p-8">
        <MedicationForm
          mode="edit"
          action={updateMedication}
          petId={pet.id}
          medicationId={medication.id}
          initial={{
            ...EMPTY_MEDICATION_VALUES,
            kind: medication.kind,
            name: medication.name,
            dose: medication.dose ?? '',
            notes: medication.notes ?? '',
            schedule: schedule.kind,
            intervalDays: String(schedule.intervalDays ?? EMPTY_MEDICATION_VALUES.intervalDays),
            weekdays: schedule.weekdays,
            startDate: schedule.startDate,
            endDate: schedule.endDate ?? '',
            timeOfDay: schedule.timeOfDay,
            remindDaysBefore: remindMeValue(medication.remindDaysBefore),
          }}
          cancelHref={page}
          timeZone={timeZone}
        />
      </div>
    </div>
  );
}
