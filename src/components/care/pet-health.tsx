// The Health area of a pet's page: at a glance, the few records that matter now — the newest shots
// with their status, the treatments whose next dose comes soonest (with "Mark given" / "Skip"), the
// latest vet visits, the latest weight and its chart — one line each, and for every kind "Add …" and a
// link to its own page with every record, where each is edited and deleted (ADR 0039). Bounded
// whatever the pet's history: a pet with hundreds of records renders as fast as one with none
// (bench: petpage).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonVariants } from '@/components/ui/button';
import { soonestMedications } from '@/data/care/medications';
import { listVaccinations } from '@/data/care/vaccinations';
import { listVetVisits } from '@/data/care/visits';
import { listWeights } from '@/data/care/weights';
import { getPreferences } from '@/data/preferences';
import type { SessionUser } from '@/data/session';
import { formatCalendarDate, formatShortCalendarDate, todayIn } from '@/lib/dates';
import { vaccinationStatuses } from '@/lib/vaccinations';
import { formatWeight, formatWeightChange } from '@/lib/weight-units';
import { CareNotice } from './care-notice';
import { MedicationNextDose } from './medication-next-dose';
import { VaccinationStatusBadge } from './vaccinations-section';
import { UpcomingBadge } from './visits-section';
import { WeightChart } from './weight-chart';

/** How many records of each kind the pet page lists; every one is on the kind's own page. */
export const PET_PAGE_RECORDS = 3;

/**
 * How many of the latest weighings the pet page's chart plots (read no further, in SQL) — a year of
 * monthly weighings: a pet weighed for years draws as fast as a new one; /pets/[id]/weight charts
 * and lists every weighing.
 */
export const PET_PAGE_CHART_WEIGHINGS = 12;

type HealthProps = { user: SessionUser; pet: { id: string; name: string }; notice?: string };

export function PetHealth(props: HealthProps) {
  return (
    <section aria-labelledby="health-heading" className="panel mt-8 space-y-8 p-4 sm:p-6">
      <h2 id="health-heading" className="text-2xl font-bold tracking-tight">
        Health
      </h2>
      <VaccinationsGlance {...props} />
      <MedicationsGlance {...props} />
      <VisitsGlance {...props} />
      <WeightGlance {...props} />
    </section>
  );
}

async function VaccinationsGlance({ user, pet, notice }: HealthProps) {
  const [found, { timeZone }] = await Promise.all([
    listVaccinations(user, pet.id, { limit: PET_PAGE_RECORDS }),
    getPreferences(user),
  ]);
  const records = found?.records ?? [];
  // Newest first, so the newest shot of each vaccine among them is its latest of all: the same statuses.
  const statuses = vaccinationStatuses(records, todayIn(timeZone));
  return (
    <Glance
      kind="vaccinations"
      title="Vaccinations"
      add={{ href: `/pets/${pet.id}/vaccinations/new`, label: 'Add vaccination' }}
      notice={<CareNotice notice={notice} prefix="vaccination-" className="" />}
      empty={records.length === 0 ? 'No vaccinations recorded yet.' : null}
      all={
        records.length > 0 ? { href: `/pets/${pet.id}/vaccinations`, label: `All vaccinations of ${pet.name}` } : null
      }
    >
      <ul className="care-rows">
        {records.map((shot) => {
          const status = statuses.get(shot.id);
          return (
            <li key={shot.id} className="care-row">
              <EditLink
                href={`/pets/${pet.id}/vaccinations/${shot.id}/edit`}
                kind="vaccination"
                title={shot.vaccine}
                suffix={` from ${formatCalendarDate(shot.givenOn)}`}
              />
              {status ? <VaccinationStatusBadge status={status} /> : null}
              <span className="care-row-meta">
                {`Given ${formatCalendarDate(shot.givenOn)}` +
                  (shot.nextDueOn ? ` · next due ${formatCalendarDate(shot.nextDueOn)}` : '')}
              </span>
            </li>
          );
        })}
      </ul>
    </Glance>
  );
}

async function MedicationsGlance({ user, pet, notice }: HealthProps) {
  const found = await soonestMedications(user, pet.id, PET_PAGE_RECORDS);
  const { medications = [], anyRecorded = false } = found ?? {};
  return (
    <Glance
      kind="medications"
      title="Medications"
      add={{ href: `/pets/${pet.id}/medications/new`, label: 'Add medication' }}
      notice={<CareNotice notice={notice} prefix="medication-" className="" />}
      empty={
        !anyRecorded
          ? 'No medications or treatments yet.'
          : medications.length === 0
            ? 'No doses left to give: every treatment has finished.'
            : null
      }
      all={anyRecorded ? { href: `/pets/${pet.id}/medications`, label: `All medications of ${pet.name}` } : null}
    >
      <ul className="care-rows">
        {medications.map((medication) => (
          <li key={medication.id} className="care-row">
            <Link href={`/pets/${pet.id}/medications/${medication.id}`} className="care-row-title" dir="auto">
              {medication.name}
            </Link>
            <span className="care-row-meta">
              {[medication.kindLabel, medication.dose, medication.scheduleText].filter(Boolean).join(' · ')}
            </span>
            <MedicationNextDose medication={medication} className="basis-full space-y-2" />
          </li>
        ))}
      </ul>
    </Glance>
  );
}

async function VisitsGlance({ user, pet, notice }: HealthProps) {
  const [found, { timeZone }] = await Promise.all([
    listVetVisits(user, pet.id, { limit: PET_PAGE_RECORDS }),
    getPreferences(user),
  ]);
  const records = found?.records ?? [];
  const today = todayIn(timeZone);
  return (
    <Glance
      kind="visits"
      title="Vet visits"
      add={{ href: `/pets/${pet.id}/visits/new`, label: 'Add vet visit' }}
      notice={<CareNotice notice={notice} prefix="visit-" className="" />}
      empty={records.length === 0 ? 'No vet visits recorded yet.' : null}
      all={records.length > 0 ? { href: `/pets/${pet.id}/visits`, label: `All vet visits of ${pet.name}` } : null}
    >
      <ul className="care-rows">
        {records.map((visit) => (
          <li key={visit.id} className="care-row">
            <EditLink
              href={`/pets/${pet.id}/visits/${visit.id}/edit`}
              kind="vet visit"
              title={visit.reason}
              suffix={` on ${formatCalendarDate(visit.visitedOn)}`}
            />
            {visit.visitedOn > today ? <UpcomingBadge /> : null}
            <span className="care-row-meta">
              {[formatCalendarDate(visit.visitedOn), visit.clinic].filter(Boolean).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </Glance>
  );
}

async function WeightGlance({ user, pet, notice }: HealthProps) {
  const [found, { weightUnit: unit }] = await Promise.all([
    listWeights(user, pet.id, { limit: PET_PAGE_CHART_WEIGHINGS }),
    getPreferences(user),
  ]);
  const records = found?.records ?? [];
  const [latest, previous] = records;
  return (
    <Glance
      kind="weight"
      title="Weight"
      add={{ href: `/pets/${pet.id}/weight/new`, label: 'Add weight' }}
      notice={<CareNotice notice={notice} prefix="weight-" className="" />}
      empty={records.length === 0 ? `No weights yet. Add one to start following ${pet.name}’s weight.` : null}
      all={records.length > 0 ? { href: `/pets/${pet.id}/weight`, label: `All weights of ${pet.name}` } : null}
    >
      {latest ? (
        <p className="mt-3 text-stone-700" data-testid="latest-weight">
          <span className="text-lg font-semibold text-stone-900">{formatWeight(latest.grams, unit)}</span>
          {previous
            ? `, ${formatWeightChange(latest.grams - previous.grams, unit)} since ${formatShortCalendarDate(previous.date)}`
            : ` on ${formatShortCalendarDate(latest.date)}`}
        </p>
      ) : null}
      {records.length >= 2 ? (
        <WeightChart id="weight-chart" petName={pet.name} weighings={records} unit={unit} />
      ) : (
        <p className="mt-2 text-sm text-stone-600">The chart appears once there are two weighings.</p>
      )}
    </Glance>
  );
}

type GlanceProps = {
  /** The section's anchor (a care action's redirect lands on it) and its heading's id. */
  kind: string;
  title: string;
  add: { href: string; label: string };
  notice: ReactNode;
  /** Said instead of the records when there are none to show. */
  empty: string | null;
  /** The kind's own page, where each record is edited and deleted; null while it has none. */
  all: { href: string; label: string } | null;
  children: ReactNode;
};

/** One kind's part of the Health area: heading, "Add …", the notice after a change, the records, "All …". */
function Glance({ kind, title, add, notice, empty, all, children }: GlanceProps) {
  return (
    <section id={kind} aria-labelledby={`${kind}-heading`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${kind}-heading`} className="text-xl font-semibold">
          {title}
        </h3>
        <Link href={add.href} className={buttonVariants({ size: 'sm' })}>
          {add.label}
        </Link>
      </div>
      {notice}
      {empty ? <p className="mt-3 text-stone-600">{empty}</p> : children}
      {all ? (
        <Link href={all.href} className="care-all-link">
          {all.label}
        </Link>
      ) : null}
    </section>
  );
}

/**
 * A row's title as the link to edit its record, named for a screen reader "Edit vaccination Rabies
 * from 3 March 2026" (vaccinationName, visitName: the visible title inside that name), like the Edit
 * buttons of the kind's own page.
 */
function EditLink({ href, kind, title, suffix }: { href: string; kind: string; title: string; suffix: string }) {
  return (
    <Link href={href} aria-label={`Edit ${kind} ${title}${suffix}`} className="care-row-title" dir="auto">
      {title}
    </Link>
  );
}
