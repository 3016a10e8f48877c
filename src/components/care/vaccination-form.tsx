'use client';
// The add and edit form of a vaccination (the shared care form's frame): the vaccine with the
// suggestions of the pet's category, the date given (at most the account's today), the next due
// date typed or from an interval, clinic, batch and notes.
import type { VaccinationFormResult } from '@/actions/vaccinations';
import { DUE_INTERVAL_LABELS } from '@/lib/vaccinations';
import {
  VACCINATION_FIELDS,
  VACCINATION_LIMITS,
  type VaccinationField,
  type VaccinationFormValues,
} from '@/lib/validations/care-rules';
import { CareForm, CareInput, CareNotes, CareSelect, firstIssues, withoutEmpty } from './care-form';
import { RemindMeField } from './remind-me-field';

type VaccinationFormProps = {
  mode: 'create' | 'edit';
  action: (state: VaccinationFormResult | null, formData: FormData) => Promise<VaccinationFormResult>;
  petId: string;
  recordId?: string;
  submissionId?: string;
  initial: VaccinationFormValues;
  /** The account's today (YYYY-MM-DD): the latest date given. */
  today: string;
  suggestions: readonly string[];
  cancelHref: string;
};

let schemaModule: Promise<typeof import('@/lib/validations/vaccination')> | undefined;
const loadSchema = () => (schemaModule ??= import('@/lib/validations/vaccination'));

/** A browser's maxlength counts UTF-16 units (an emoji takes two): twice the characters; the schema decides. */
const maxLengthFor = (field: keyof typeof VACCINATION_LIMITS) => 2 * VACCINATION_LIMITS[field];

export function VaccinationForm({ today, suggestions, ...props }: VaccinationFormProps) {
  return (
    <CareForm<VaccinationField>
      {...props}
      fields={VACCINATION_FIELDS}
      preload={loadSchema}
      check={async (values) => {
        const { vaccinationSchema } = await loadSchema();
        const result = vaccinationSchema({ today }).safeParse(withoutEmpty(values));
        return result.success ? {} : firstIssues<VaccinationField>(result.error.issues);
      }}
      submitLabel={props.mode === 'create' ? 'Add vaccination' : 'Save vaccination'}
    >
      {(controls) => (
        <>
          <CareInput
            controls={controls}
            field="vaccine"
            label="Vaccine"
            wide
            list="vaccine-suggestions"
            maxLength={maxLengthFor('vaccine')}
            required
            hint={`For example ${suggestions.join(', ')}`}
          />
          <datalist id="vaccine-suggestions">
            {suggestions.map((vaccine) => (
              <option key={vaccine} value={vaccine} />
            ))}
          </datalist>
          <CareInput controls={controls} field="givenOn" label="Date given" type="date" max={today} required wide />
          <CareInput
            controls={controls}
            field="nextDueOn"
            label="Next due date (optional)"
            type="date"
            min={controls.values.givenOn || undefined}
            hint="Type a date, or choose an interval."
          />
          <CareSelect
            controls={controls}
            field="nextDueInterval"
            label="Or due again after"
            options={DUE_INTERVAL_LABELS}
          />
          <CareInput
            controls={controls}
            field="clinic"
            label="Clinic or vet (optional)"
            maxLength={maxLengthFor('clinic')}
          />
          <CareInput
            controls={controls}
            field="batchNumber"
            label="Batch or lot number (optional)"
            maxLength={maxLengthFor('batchNumber')}
          />
          <CareNotes controls={controls} field="notes" maxLength={maxLengthFor('notes')} />
          <RemindMeField controls={controls} />
        </>
      )}
    </CareForm>
  );
}
