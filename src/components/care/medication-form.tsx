'use client';
// The add and edit form of a medication. Works without JavaScript (posts to the Server Action, every
// schedule field shown); with it: only the fields of the chosen schedule, instant checks from the
// shared schema, the first wrong field focused, and a pending state. A failed submit keeps what was typed.
import Link from 'next/link';
import { startTransition, useActionState, useRef, useState, type FormEvent } from 'react';
import type { MedicationFormResult } from '@/actions/medications';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/lib/cn';
import {
  MAX_INTERVAL_DAYS,
  MEDICATION_KIND_LABELS,
  MEDICATION_KINDS,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type ScheduleKind,
  type Weekday,
} from '@/lib/medication-kinds';
import {
  EARLIEST_SCHEDULE_DATE,
  LATEST_SCHEDULE_DATE,
  MEDICATION_LIMITS,
  MEDICATION_TEXT_FIELDS,
  medicationSchema,
  type MedicationField,
  type MedicationFormValues,
  type MedicationTextField,
} from '@/lib/validations/medication';
import { useHydrated } from './use-hydrated';
import { RemindMeField } from './remind-me-field';

type MedicationFormProps = {
  action: (state: MedicationFormResult | null, formData: FormData) => Promise<MedicationFormResult>;
  mode: 'create' | 'edit';
  petId: string;
  medicationId?: string;
  submissionId?: string;
  initial: MedicationFormValues;
  cancelHref: string;
  /** The account's time zone, named beside the time of day. */
  timeZone: string;
};

type Errors = Partial<Record<MedicationField, string[]>>;

const SCHEDULE_LABELS: Record<ScheduleKind, string> = {
  once: 'Once',
  'every-n-days': 'Every N days',
  weekly: 'Weekly on chosen days',
  monthly: 'Monthly',
};

function errorsOf(values: MedicationFormValues): Errors {
  const result = medicationSchema.safeParse(values);
  if (result.success) return {};
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as MedicationField;
    errors[field] ??= [issue.message];
  }
  return errors;
}

export function MedicationForm(props: MedicationFormProps) {
  const { action, mode, petId, medicationId, submissionId, initial, cancelHref, timeZone } = props;
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<MedicationFormValues>(() => ({ ...initial, ...state?.values }));
  const [clientErrors, setClientErrors] = useState<Errors | null>(null);
  const [handledState, setHandledState] = useState(state);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();

  // A new answer from the server is the newest verdict on every field.
  if (state !== handledState) {
    setHandledState(state);
    setClientErrors(null);
  }
  const errors: Errors = clientErrors ?? state?.errors ?? {};
  const shows = (schedule: ScheduleKind[]) => !hydrated || schedule.includes(values.schedule as ScheduleKind);

  function change(field: MedicationTextField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...(current ?? state?.errors ?? {}), [field]: [] }));
  }

  function toggleDay(day: Weekday, checked: boolean) {
    setValues((current) => ({
      ...current,
      weekdays: WEEKDAYS.filter((each) => (each === day ? checked : current.weekdays.includes(each))),
    }));
    setClientErrors((current) => ({ ...(current ?? state?.errors ?? {}), weekdays: [] }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    // Through a transition rather than the form's own action: React resets a form after its action,
    // and the selects would then show their first option whatever the state says.
    event.preventDefault();
    const found = errorsOf(values);
    const first = [...MEDICATION_TEXT_FIELDS, 'weekdays' as const].find((field) => found[field]);
    if (first) {
      setClientErrors(found);
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  function textField(
    field: MedicationTextField,
    label: string,
    input: React.ComponentProps<'input'> & { hint?: string },
  ) {
    const { hint, ...rest } = input;
    return (
      <Field id={field} label={label} errors={errors[field]} hint={hint}>
        {(control) => (
          <Input
            {...control}
            {...rest}
            name={field}
            value={values[field]}
            onChange={(event) => change(field, event.target.value)}
          />
        )}
      </Field>
    );
  }

  const banner = state && !state.success && !state.errors ? state.message : undefined;
  const weekdayErrors = errors.weekdays ?? [];
  return (
    <form ref={formRef} action={formAction} onSubmit={submit} noValidate className="space-y-6">
      <input type="hidden" name="petId" value={petId} />
      {medicationId ? <input type="hidden" name="id" value={medicationId} /> : null}
      {submissionId ? <input type="hidden" name="submissionId" value={submissionId} /> : null}
      <FormMessage message={banner} />

      <div className="grid gap-6 sm:grid-cols-2">
        <Field id="kind" label="Kind" errors={errors.kind}>
          {(control) => (
            <select
              {...control}
              name="kind"
              className={cn(inputClassName, 'h-[42px]')}
              value={values.kind}
              onChange={(event) => change('kind', event.target.value)}
            >
              {MEDICATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {MEDICATION_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {textField('name', 'Name', { autoComplete: 'off', maxLength: 2 * MEDICATION_LIMITS.name })}
        {textField('dose', 'Dose (optional)', {
          autoComplete: 'off',
          maxLength: 2 * MEDICATION_LIMITS.dose,
          hint: 'For example “1 tablet” or “2.5 ml”',
        })}
        <Field id="schedule" label="How often" errors={errors.schedule}>
          {(control) => (
            <select
              {...control}
              name="schedule"
              className={cn(inputClassName, 'h-[42px]')}
              value={values.schedule}
              onChange={(event) => change('schedule', event.target.value)}
            >
              {(Object.keys(SCHEDULE_LABELS) as ScheduleKind[]).map((schedule) => (
                <option key={schedule} value={schedule}>
                  {SCHEDULE_LABELS[schedule]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {shows(['every-n-days'])
          ? textField('intervalDays', 'Every how many days', {
              type: 'number',
              inputMode: 'numeric',
              min: 1,
              max: MAX_INTERVAL_DAYS,
              hint: hydrated ? '1 is every day' : 'For “Every N days”: 1 is every day',
            })
          : null}
        {textField('startDate', 'Start date', { type: 'date', min: EARLIEST_SCHEDULE_DATE, max: LATEST_SCHEDULE_DATE })}
        {shows(['every-n-days', 'weekly', 'monthly'])
          ? textField('endDate', 'End date (optional)', {
              type: 'date',
              min: values.startDate || EARLIEST_SCHEDULE_DATE,
              max: LATEST_SCHEDULE_DATE,
              hint: 'The last day a dose is given; leave empty to keep going',
            })
          : null}
        {textField('timeOfDay', 'Time of day', { type: 'time', hint: `In your time zone, ${timeZone}` })}
      </div>

      {shows(['weekly']) ? (
        <fieldset aria-describedby={weekdayErrors.length > 0 ? 'weekdays-error' : undefined}>
          <legend className="text-sm font-medium text-stone-800">
            Days of the week{hydrated ? '' : ' (for “Weekly on chosen days”)'}
          </legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {WEEKDAYS.map((day) => (
              <label key={day} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="weekdays"
                  value={day}
                  className="size-4"
                  checked={values.weekdays.includes(day)}
                  onChange={(event) => toggleDay(day, event.target.checked)}
                />
                {WEEKDAY_NAMES[day]}
              </label>
            ))}
          </div>
          <div id="weekdays-error" aria-live="polite" className="mt-1.5 text-sm font-medium text-red-700">
            {weekdayErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        </fieldset>
      ) : null}

      <Field id="notes" label="Notes (optional)" errors={errors.notes}>
        {(control) => (
          <textarea
            {...control}
            name="notes"
            rows={4}
            maxLength={2 * MEDICATION_LIMITS.notes}
            className={inputClassName}
            value={values.notes}
            onChange={(event) => change('notes', event.target.value)}
          />
        )}
      </Field>
      <RemindMeField
        value={values.remindDaysBefore}
        onChange={(value) => change('remindDaysBefore', value)}
        errors={errors.remindDaysBefore}
      />

      <div className="flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonVariants({ variant: 'secondary', size: 'lg' })}>
          Cancel
        </Link>
        <SubmitButton size="lg" pending={pending} pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add medication' : 'Save changes'}
        </SubmitButton>
      </div>
    </form>
  );
}
