'use client';
// The account's email reminders: on or off, and the local time of the daily digest (in the account's
// time zone). Works without JavaScript (the form posts to the action).
import { useActionState } from 'react';
import { updateReminderSettings } from '@/actions/account';
import { Field, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/lib/cn';

type RemindersFormProps = {
  saved: { enabled: boolean; time: string };
  timeZone: string;
};

export function RemindersForm({ saved, timeZone }: RemindersFormProps) {
  const [state, formAction] = useActionState(updateReminderSettings, null);
  const shown = state?.values ?? saved;
  const errors = state?.errors ?? {};
  return (
    // React resets a form after its action: keyed on what it shows, the fields keep the choice.
    <form key={`${shown.enabled}|${shown.time}`} action={formAction} className="space-y-5">
      <FormMessage
        message={state && !state.errors ? state.message : undefined}
        tone={state?.success ? 'success' : 'error'}
      />
      <div className="space-y-1.5">
        <label className="flex items-center gap-2 font-medium text-stone-800">
          <input
            type="checkbox"
            name="enabled"
            value="on"
            defaultChecked={shown.enabled}
            className="size-4"
            aria-describedby="reminders-enabled-hint"
          />
          Email me a daily digest of what is due
        </label>
        <p id="reminders-enabled-hint" className="text-sm text-stone-600">
          Only on days something is due or overdue, for records with a “Remind me” choice.
        </p>
      </div>
      <Field
        id="reminderTime"
        label="Time of day"
        errors={errors.time}
        hint={`In your time zone, ${timeZone.replaceAll('_', ' ')}.`}
      >
        {(control) => (
          <input
            {...control}
            type="time"
            name="time"
            required
            defaultValue={shown.time}
            className={cn(inputClassName, 'w-40')}
          />
        )}
      </Field>
      <SubmitButton pendingLabel="Saving…">Save reminder settings</SubmitButton>
    </form>
  );
}
