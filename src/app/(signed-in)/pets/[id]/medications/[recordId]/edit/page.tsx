import type { Metadata } from 'next';
import { updateMedication } from '@/actions/medications';
import { MedicationForm } from '@/components/care/medication-form';
import { getMedication } from '@/data/care/medications';
import { EMPTY_MEDICATION_VALUES } from '@/lib/validations/medication';
import { careOr404 } from '../../../care-or-404';
import { CareFormPage } from '../../../care-page';
import { remindMeValue } from '@/lib/remind-me';

type Props = { params: Promise<{ id: string; recordId: string }> };

const load = async ({ params }: Props) => {
  const { id, recordId } = await params;
  return careOr404(`/pets/${id}/medications/${recordId}/edit`, (user) => getMedication(user, id, recordId));
};

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { medication } = await load(props);
  return { title: `Edit ${medication.name}` };
}

export default async function EditMedicationPage(props: Props) {
  const { pet, medication, preferences } = await load(props);
  const { schedule } = medication;
  const page = `/pets/${pet.id}/medications/${medication.id}`;
  return (
    <CareFormPage back={{ href: page, label: `← Back to ${medication.name}` }} title={`Edit ${medication.name}`}>
      <MedicationForm
        mode="edit"
        action={updateMedication}
        petId={pet.id}
        recordId={medication.id}
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
        timeZone={preferences.timeZone}
      />
    </CareFormPage>
  );
}
