// A medication's next dose in words ("Next dose: today 08:00", "Overdue since yesterday 08:00"), with
// "Mark given" / "Skip" once it is due today or earlier.
import type { Medication } from '@/data/care/medications';
import { DoseButtons } from './dose-buttons';

export function MedicationNextDose({
  medication,
  className = 'space-y-2',
}: {
  medication: Medication;
  className?: string;
}) {
  const next = medication.nextDose;
  if (medication.finished) return <p className="text-sm text-stone-600">Finished.</p>;
  return (
    <div className={className}>
      {next ? (
        <p className={next.overdue ? 'text-sm font-semibold text-red-800' : 'text-sm font-medium text-stone-800'}>
          {next.overdue ? `Overdue since ${next.when}` : `Next dose: ${next.when}`}
        </p>
      ) : (
        <p className="text-sm text-stone-600">No more doses are scheduled.</p>
      )}
      <DoseButtons
        petId={medication.petId}
        medicationId={medication.id}
        medicationName={medication.name}
        dose={next?.markable ? next : null}
      />
    </div>
  );
}
