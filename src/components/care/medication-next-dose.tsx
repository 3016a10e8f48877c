// A medication's next dose in words ("Next dose: today 08:00", "Overdue since yesterday 08:00"), with
// "Mark given" / "Skip" once it is due today or earlier.
import type { Medication } from '@/data/care/medications';
import { DoseButtons } from './dose-buttons';

export function MedicationNextDose({ medication }: { medication: Medication }) {
  const next = medication.nextDose;
  if (medication.finished) return <p className="text-sm text-stone-600">Finished.</p>;
  if (!next) return <p className="text-sm text-stone-600">No more doses are scheduled.</p>;
  return (
    <div className="space-y-2">
      <p className={next.overdue ? 'text-sm font-semibold text-red-800' : 'text-sm font-medium text-stone-800'}>
        {next.overdue ? `Overdue since ${next.when}` : `Next dose: ${next.when}`}
      </p>
      {next.markable ? (
        <DoseButtons
          key={next.at}
          petId={medication.petId}
          medicationId={medication.id}
          medicationName={medication.name}
          scheduledAt={next.at}
          when={next.when}
        />
      ) : null}
    </div>
  );
}
