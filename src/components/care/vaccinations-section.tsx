// Every vaccination of a pet (its Vaccinations page): newest first, each with its status on the
// account's today (only the latest shot of each vaccine has one), Edit and Delete, and "Add vaccination".
import { deleteVaccination } from '@/actions/vaccinations';
import { listVaccinations } from '@/data/care/vaccinations';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import {
  VACCINATION_STATUS_LABELS,
  vaccinationName,
  vaccinationStatuses,
  type VaccinationStatus,
} from '@/lib/vaccinations';
import { CareRecordCard, CareSection } from './care-record-list';
import { DeleteCareRecordButton } from './delete-care-record-button';

/** A shot's status in words (its colour from .care-badge-<status>, globals.css). */
export function VaccinationStatusBadge({ status }: { status: VaccinationStatus }) {
  return <span className={`care-badge care-badge-${status}`}>{VACCINATION_STATUS_LABELS[status]}</span>;
}

export async function VaccinationsSection({ petId }: { petId: string }) {
  const user = await requireUser(`/pets/${petId}/vaccinations`);
  const [found, { timeZone }] = await Promise.all([listVaccinations(user, petId), getPreferences(user)]);
  const vaccinations = found?.records ?? [];
  const statuses = vaccinationStatuses(vaccinations, todayIn(timeZone));
  return (
    <CareSection
      id="vaccinations-heading"
      title="Vaccinations"
      addHref={`/pets/${petId}/vaccinations/new`}
      addLabel="Add vaccination"
      empty={vaccinations.length === 0 ? 'No vaccinations recorded yet.' : null}
    >
      {vaccinations.map((vaccination) => {
        const status = statuses.get(vaccination.id) ?? null;
        const name = vaccinationName(vaccination);
        return (
          <CareRecordCard
            key={vaccination.id}
            title={vaccination.vaccine}
            badge={status ? <VaccinationStatusBadge status={status} /> : null}
            details={[
              { label: 'Given', value: formatCalendarDate(vaccination.givenOn) },
              { label: 'Next due', value: vaccination.nextDueOn ? formatCalendarDate(vaccination.nextDueOn) : null },
              { label: 'Clinic or vet', value: vaccination.clinic },
              { label: 'Batch or lot', value: vaccination.batchNumber },
              { label: 'Notes', value: vaccination.notes },
            ]}
            editHref={`/pets/${petId}/vaccinations/${vaccination.id}/edit`}
            recordName={`vaccination ${name}`}
            deleteButton={
              <DeleteCareRecordButton
                action={deleteVaccination}
                petId={petId}
                id={vaccination.id}
                confirmHref={`/pets/${petId}/vaccinations/${vaccination.id}/delete`}
                question={`Delete the vaccination ${name}?`}
                triggerDetail={`vaccination ${name}`}
                submitLabel="Delete vaccination"
                recordName={name}
              />
            }
          />
        );
      })}
    </CareSection>
  );
}
