'use client';
// The add and edit form of a medication (the shared care form's frame). Without JavaScript every
// schedule field is shown; with it only those of the chosen schedule.
import type { MedicationFormResult } from '@/actions/medications';
import {
  MAX_INTERVAL_DAYS,
  MEDICATION_KIND_LABELS,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type ScheduleKind,
} from '@/lib/medication-kinds';
import {
  EARLIEST_SCHEDULE_DATE,
  LATEST_SCHEDULE_DATE,
  MEDICATION_LIMITS,
  MEDICATION_TEXT_FIELDS,
  medicationSchema,
  type MedicationField,
  type MedicationFormValues,
} from '@/lib/validations/medication';
import { CareForm, CareInput, CareNotes, CareSelect, firstIssues, type CareFieldControls } from './care-form';
import { useHydrated } from './use-hydrated';
import { RemindMeField } from './remind-me-field';

type MedicationFormProps = {
  action: (state: MedicationFormResult | null, formData: FormData) => Promise<MedicationFormResult>;
  mode: 'create' | 'edit';
  petId: string;
  recordId?: string;
  submissionId?: string;
  initial: MedicationFormValues;
  cancelHref: string;
  /** The account's time zone, named beside the time of day. */
  timeZone: string;
};

const SCHEDULE_LABELS: Record<ScheduleKind, string> = {
  once: 'Once',
  'every-n-days': 'Every N days',
  weekly: 'Weekly on chosen days',
  monthly: 'Monthly',
};

/** The order in which a failed check focuses the first wrong field. */
const FIELDS: readonly MedicationField[] = [...MEDICATION_TEXT_FIELDS, 'weekdays'];

export function MedicationForm({ timeZone, ...props }: MedicationFormProps) {
  return (
    <CareForm<MedicationField, MedicationFormValues>
      {...props}
      fields={FIELDS}
      check={async (values) => {
        const result = medicationSchema.safeParse(values);
        return result.success ? {} : firstIssues<MedicationField>(result.error.issues);
      }}
      submitLabel={props.mode === 'create' ? 'Add medication' : 'Save changes'}
    >
      {(controls) => <MedicationFields controls={controls} timeZone={timeZone} />}
    </CareForm>
  );
}

function MedicationFields({
  controls,
  timeZone,
}: {
  controls: CareFieldControls<MedicationField, MedicationFormValues>;
  timeZone: string;
}) {
  const hydrated = useHydrated();
  const { values } = controls;
  const shows = (schedule: ScheduleKind[]) => !hydrated || schedule.includes(values.schedule as ScheduleKind);
  const weekdayErrors = controls.errorsFor('weekdays') ?? [];
  return (
    <>
      <CareSelect controls={controls} field="kind" label="Kind" options={MEDICATION_KIND_LABELS} />
      <CareInput controls={controls} field="name" label="Name" maxLength={2 * MEDICATION_LIMITS.name} />
      <CareInput
        controls={controls}
        field="dose"
        label="Dose (optional)"
        maxLength={2 * MEDICATION_LIMITS.dose}
        hint="For example “1 tablet” or “2.5 ml”"
      />
      <CareSelect controls={controls} field="schedule" label="How often" options={SCHEDULE_LABELS} />
      {shows(['every-n-days']) ? (
        <CareInput
          controls={controls}
          field="intervalDays"
          label="Every how many days"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_INTERVAL_DAYS}
          hint={hydrated ? '1 is every day' : 'For “Every N days”: 1 is every day'}
        />
      ) : null}
      <CareInput
        controls={controls}
        field="startDate"
        label="Start date"
        type="date"
        min={EARLIEST_SCHEDULE_DATE}
        max={LATEST_SCHEDULE_DATE}
      />
      {shows(['every-n-days', 'weekly', 'monthly']) ? (
        <CareInput
          controls={controls}
          field="endDate"
          label="End date (optional)"
          type="date"
          min={values.startDate || EARLIEST_SCHEDULE_DATE}
          max={LATEST_SCHEDULE_DATE}
          hint="The last day a dose is given; leave empty to keep going"
        />
      ) : null}
      <CareInput
        controls={controls}
        field="timeOfDay"
        label="Time of day"
        type="time"
        hint={`In your time zone, ${timeZone}`}
      />
      {shows(['weekly']) ? (
        <fieldset className="sm:col-span-2" aria-describedby={weekdayErrors.length > 0 ? 'weekdays-error' : undefined}>
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
      <CareNotes controls={controls} field="notes" maxLength={2 * MEDICATION_LIMITS.notes} />
      <RemindMeField controls={controls} />
    </>
  );

  function toggleDay(day: (typeof WEEKDAYS)[number], checked: boolean) {
    const chosen = WEEKDAYS.filter((each) => (each === day ? checked : values.weekdays.includes(each)));
    controls.change('weekdays', chosen);
  }
}
