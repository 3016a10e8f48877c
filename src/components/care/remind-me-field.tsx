'use client';
// The "Remind me" choice every due-dated care record shares (vaccination, medication, vet visit): how
// many days before it is due the daily email digest starts listing it, or no reminder (ADR 0037).
// The care form's own select, with the one list of choices (remind-me.ts).
import { REMIND_ME_LABELS } from '@/lib/remind-me';
import { CareSelect, type CareFieldControls } from './care-form';
import type { CareFormValues } from './use-care-form';

type WithRemindMe<Field extends string> = CareFormValues<Field> & { remindDaysBefore: string };

export function RemindMeField<Field extends string, Values extends WithRemindMe<Field>>({
  controls,
}: {
  controls: CareFieldControls<Field, Values>;
}) {
  // Every form that shows this field has it among its text fields (the constraint above).
  const own = controls as unknown as CareFieldControls<'remindDaysBefore'>;
  return (
    <CareSelect
      controls={own}
      field="remindDaysBefore"
      label="Remind me"
      options={REMIND_ME_LABELS}
      hint="In your daily reminder email, when email reminders are on (Account)."
    />
  );
}
