'use client';
// The "Remind me" choice every due-dated care record shares (vaccination, medication, vet visit): how
// many days before it is due the daily email digest starts listing it, or no reminder (ADR 0037).
import { Field, inputClassName } from '@/components/ui/field';
import { cn } from '@/lib/cn';
import { REMIND_ME_LABELS } from '@/lib/remind-me';

/** The select's values in the order shown: no reminder first, then the nearest lead time first. */
const CHOICES = ['', '0', '1', '3', '7', '14'] as const;

type RemindMeFieldProps = {
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
};

export function RemindMeField({ value, onChange, errors }: RemindMeFieldProps) {
  return (
    <Field
      id="remindDaysBefore"
      label="Remind me"
      errors={errors}
      hint="In your daily reminder email, when email reminders are on (Account)."
    >
      {(control) => (
        <select
          {...control}
          name="remindDaysBefore"
          className={cn(inputClassName, 'h-[42px]')}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {REMIND_ME_LABELS[choice]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
