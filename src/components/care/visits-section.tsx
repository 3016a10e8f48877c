// The pet page's Vet visits: newest first (a booked visit ahead is marked "Upcoming"), each with
// Edit and Delete, and "Add vet visit".
import { deleteVetVisit } from '@/actions/visits';
import { listVetVisits } from '@/data/care/visits';
import { getPreferences } from '@/data/preferences';
import { requireUser } from '@/data/session';
import { formatCalendarDate, todayIn } from '@/lib/dates';
import { formatCost, visitName } from '@/lib/vet-visits';
import { CareNotice } from './care-notice';
import { CareRecordCard, CareSection, shortened } from './care-record-list';
import { DeleteCareRecordButton } from './delete-care-record-button';

/** `limit`: the newest so many, with a link to all (the pet page); none: every one. */
export async function VisitsSection({ petId, notice, limit }: { petId: string; notice?: string; limit?: number }) {
  const user = await requireUser(`/pets/${petId}`);
  const [records, { timeZone }] = await Promise.all([
    listVetVisits(user, petId, { limit: limit === undefined ? undefined : limit + 1 }),
    getPreferences(user),
  ]);
  const { shown: visits, more } = shortened(records ?? [], limit);
  const today = todayIn(timeZone);
  return (
    <CareSection
      id="visits-heading"
      title="Vet visits"
      addHref={`/pets/${petId}/visits/new`}
      addLabel="Add vet visit"
      notice={<CareNotice notice={notice} prefix="visit-" />}
      empty={visits.length === 0 ? 'No vet visits recorded yet.' : null}
      more={more ? { href: `/pets/${petId}/visits`, label: 'Show all vet visits' } : null}
    >
      {visits.map((visit) => {
        const name = visitName(visit);
        return (
          <CareRecordCard
            key={visit.id}
            title={visit.reason}
            badge={
              visit.visitedOn > today ? (
                <span className="rounded-full border border-brand-100 bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900">
                  Upcoming
                </span>
              ) : null
            }
            details={[
              { label: 'Date', value: formatCalendarDate(visit.visitedOn) },
              { label: 'Clinic', value: visit.clinic },
              { label: 'Cost', value: visit.costCents === null ? null : formatCost(visit.costCents) },
              { label: 'Notes', value: visit.notes },
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
