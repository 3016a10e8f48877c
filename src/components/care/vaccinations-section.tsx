// The pet page's Vaccinations: newest first, each with its status on the account's today (only the
// latest shot of each vaccine has one), Edit and Delete, and "Add vaccination".
import { deleteVaccination } from '@/actions/vaccinations';
import { listVaccinations } from '@/data/care/vaccinations';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { cn } from '@/lib/cn';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import {
  VACCINATION_STATUS_LABELS,
  vaccinationName,
  vaccinationStatuses,
  type VaccinationStatus,
} from '@/lib/vaccinations';
import { CareNotice } from './care-notice';
import { CareRecordCard, CareSection, shortened } from './care-record-list';
import { DeleteCareRecordButton } from './delete-care-record-button';

const STATUS_LOOK: Record<VaccinationStatus, string> = {
  'up-to-date': 'border-green-200 bg-green-50 text-green-900',
  'due-soon': 'border-amber-200 bg-amber-50 text-amber-900',
  overdue: 'border-red-200 bg-red-50 text-red-900',
};

/** `limit`: the newest so many, with a link to all (the pet page); none: every one. */
export async function VaccinationsSection({
  petId,
  notice,
  limit,
}: {
  petId: string;
  notice?: string;
  limit?: number;
}) {
  const user = await requireUser(`/pets/${petId}`);
  const [records, { timeZone }] = await Promise.all([
    listVaccinations(user, petId, { limit: limit === undefined ? undefined : limit + 1 }),
    getPreferences(user),
  ]);
  const { shown: vaccinations, more } = shortened(records ?? [], limit);
  // Newest first, so the newest shot of each vaccine among them is the latest of all: the same statuses.
  const statuses = vaccinationStatuses(vaccinations, todayIn(timeZone));
  return (
    <CareSection
      id="vaccinations-heading"
      title="Vaccinations"
      addHref={`/pets/${petId}/vaccinations/new`}
      addLabel="Add vaccination"
      notice={<CareNotice notice={notice} prefix="vaccination-" />}
      empty={vaccinations.length === 0 ? 'No vaccinations recorded yet.' : null}
      more={more ? { href: `/pets/${petId}/vaccinations`, label: 'Show all vaccinations' } : null}
    >
      {vaccinations.map((vaccination) => {
        const status = statuses.get(vaccination.id) ?? null;
        const name = vaccinationName(vaccination);
        return (
          <CareRecordCard
            key={vaccination.id}
            title={vaccination.vaccine}
            badge={
              status ? (
                <span className={cn('rounded-full border px-2 py-0.5 text-xs font-semibold', STATUS_LOOK[status])}>
                  {VACCINATION_STATUS_LABELS[status]}
                </span>
              ) : null
            }
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
