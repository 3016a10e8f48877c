'use client';
// The add and edit form of a vet visit (the shared care form's frame): the date (it may be ahead: a
// booked visit), the reason, the clinic, the cost (a plain decimal, no currency) and notes.
import type { VetVisitFormResult } from '@/actions/visits';
import {
  VET_VISIT_FIELDS,
  VET_VISIT_LIMITS,
  type VetVisitField,
  type VetVisitFormValues,
} from '@/lib/validations/care-rules';
import { CareForm, CareInput, CareNotes, firstIssues, withoutEmpty } from './care-form';
import { RemindMeField } from './remind-me-field';

type VisitFormProps = {
  mode: 'create' | 'edit';
  action: (state: VetVisitFormResult | null, formData: FormData) => Promise<VetVisitFormResult>;
  petId: string;
  recordId?: string;
  submissionId?: string;
  initial: VetVisitFormValues;
  /** The account's today (YYYY-MM-DD), from which the schema bounds how far ahead a visit may be. */
  today: string;
  cancelHref: string;
};

let schemaModule: Promise<typeof import('@/lib/validations/vet-visit')> | undefined;
const loadSchema = () => (schemaModule ??= import('@/lib/validations/vet-visit'));

/** A browser's maxlength counts UTF-16 units (an emoji takes two): twice the characters; the schema decides. */
const maxLengthFor = (field: keyof typeof VET_VISIT_LIMITS) => 2 * VET_VISIT_LIMITS[field];

export function VisitForm({ today, ...props }: VisitFormProps) {
  return (
    <CareForm<VetVisitField>
      {...props}
      fields={VET_VISIT_FIELDS}
      preload={loadSchema}
      check={async (values) => {
        const { vetVisitSchema } = await loadSchema();
        const result = vetVisitSchema({ today }).safeParse(withoutEmpty(values));
        return result.success ? {} : firstIssues<VetVisitField>(result.error.issues);
      }}
      submitLabel={props.mode === 'create' ? 'Add vet visit' : 'Save vet visit'}
    >
      {(controls) => (
        <>
          <CareInput controls={controls} field="visitedOn" label="Date" type="date" required />
          <CareInput
            controls={controls}
            field="cost"
            label="Cost (optional)"
            inputMode="decimal"
            hint="For example 45.50"
            maxLength={16}
          />
          <CareInput
            controls={controls}
            field="reason"
            label="Reason"
            wide
            required
            maxLength={maxLengthFor('reason')}
            hint="Check-up, vaccination, limping…"
          />
          <CareInput
            controls={controls}
            field="clinic"
            label="Clinic (optional)"
            wide
            maxLength={maxLengthFor('clinic')}
          />
          <CareNotes controls={controls} field="notes" maxLength={maxLengthFor('notes')} />
          <RemindMeField controls={controls} />
        </>
      )}
    </CareForm>
  );
}
