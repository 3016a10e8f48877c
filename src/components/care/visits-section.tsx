// Every vet visit of a pet (its Vet visits page): newest first (a booked visit ahead is marked
// "Upcoming"), each with its documents, Edit and Delete, and "Add vet visit".
import Link from 'next/link';
import { deleteVetVisit } from '@/actions/visits';
import { documentCountsOfPet } from '@/data/care/visit-documents';
import { listVetVisits } from '@/data/care/visits';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import { formatCost, visitName } from '@/lib/vet-visits';
import { CareRecordCard, CareSection } from './care-record-list';
import { DeleteCareRecordButton } from './delete-care-record-button';

export async function VisitsSection({ petId }: { petId: string }) {
  const user = await requireUser(`/pets/${petId}/visits`);
  const [found, { timeZone }, documentCounts] = await Promise.all([
    listVetVisits(user, petId),
    getPreferences(user),
    documentCountsOfPet(user, petId),
  ]);
  const visits = found?.records ?? [];
  const today = todayIn(timeZone);
  return (
    <CareSection
      id="visits-heading"
      title="Vet visits"
      addHref={`/pets/${petId}/visits/new`}
      addLabel="Add vet visit"
      empty={visits.length === 0 ? 'No vet visits recorded yet.' : null}
    >
      {visits.map((visit) => {
        const name = visitName(visit);
        return (
          <CareRecordCard
            key={visit.id}
            title={visit.reason}
            badge={visit.visitedOn > today ? <UpcomingBadge /> : null}
            details={[
              { label: 'Date', value: formatCalendarDate(visit.visitedOn) },
              { label: 'Clinic', value: visit.clinic },
              { label: 'Cost', value: visit.costCents === null ? null : formatCost(visit.costCents) },
              { label: 'Notes', value: visit.notes },
              { label: 'Documents', value: documentsLink(petId, visit.id, documentCounts.get(visit.id), name) },
            ]}
            editHref={`/pets/${petId}/visits/${visit.id}/edit`}
            recordName={`vet visit ${name}`}
            deleteButton={
              <DeleteCareRecordButton
                action={deleteVetVisit}
                petId={petId}
                id={visit.id}
                confirmHref={`/pets/${petId}/visits/${visit.id}/delete`}
                question={`Delete the vet visit ${name}?`}
                triggerDetail={`vet visit ${name}`}
                submitLabel="Delete vet visit"
                recordName={name}
              />
            }
          />
        );
      })}
    </CareSection>
  );
}

/** A booked visit still ahead. */
export function UpcomingBadge() {
  return <span className="care-badge care-badge-upcoming">Upcoming</span>;
}

/** "N documents", to the visit's Documents area; nothing when it has none. */
function documentsLink(petId: string, visitId: string, documents: number | undefined, name: string) {
  if (!documents) return null;
  return (
    <Link
      href={`/pets/${petId}/visits/${visitId}/edit#documents`}
      className="font-medium text-brand-700 hover:underline"
    >
      {documents} {documents === 1 ? 'document' : 'documents'}
      <span className="sr-only"> of the vet visit {name}</span>
    </Link>
  );
}
