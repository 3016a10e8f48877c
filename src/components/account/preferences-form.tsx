'use client';
// The account's preferences: the time zone (today's date, due dates, schedules and reminders follow
// it) and the unit weights are shown in. Works without JavaScript (the form posts to the action).
import { useActionState } from 'react';
import { updatePreferences } from '@/actions/account';
import { Field, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/lib/cn';
import { WEIGHT_UNIT_LABELS, WEIGHT_UNITS } from '@/lib/weight-units';

type PreferencesFormProps = {
  saved: { timeZone: string; weightUnit: string };
  timeZones: { region: string; zones: string[] }[];
};

export function PreferencesForm({ saved, timeZones }: PreferencesFormProps) {
  const [state, formAction] = useActionState(updatePreferences, null);
  const shown = state?.values ?? saved;
  const errors = state?.errors ?? {};
  return (
    // React resets a form after its action: keyed on what it shows, the selects keep the choice.
    <form key={`${shown.timeZone}|${shown.weightUnit}`} action={formAction} className="space-y-5">
      <FormMessage
        message={state && !state.errors ? state.message : undefined}
        tone={state?.success ? 'success' : 'error'}
      />
      <Field
        id="timeZone"
        label="Time zone"
        errors={errors.timeZone}
        hint="Today's date, due dates and medication times follow this zone."
      >
        {(control) => (
          <select {...control} name="timeZone" defaultValue={shown.timeZone} className={cn(inputClassName, 'h-[42px]')}>
            {timeZones.map(({ region, zones }) => (
              <optgroup key={region} label={region}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field id="weightUnit" label="Weight unit" errors={errors.weightUnit}>
        {(control) => (
          <select
            {...control}
            name="weightUnit"
            defaultValue={shown.weightUnit}
            className={cn(inputClassName, 'h-[42px]')}
          >
            {WEIGHT_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {WEIGHT_UNIT_LABELS[unit]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton pendingLabel="Saving…">Save preferences</SubmitButton>
    </form>
  );
}
