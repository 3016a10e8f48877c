'use client';
// The add and edit form of a weighing (the shared care form's frame): the date (at most the
// account's today), the weight typed in the account's unit, and a note. The shared schema checks it
// in that unit and with that "today".
import type { WeightFormResult } from '@/actions/weight';
import { todayIn } from '@/lib/dates';
import { EARLIEST_BIRTHDAY } from '@/lib/validations/rules';
import {
  WEIGHT_FIELDS,
  WEIGHT_NOTE_MAX_LENGTH,
  type WeightField,
  type WeightFormValues,
} from '@/lib/validations/weight';
import type { WeightUnit } from '@/lib/weight-units';
import { CareForm, CareInput, CareNotes, firstIssues } from './care-form';

type WeightFormProps = {
  mode: 'create' | 'edit';
  action: (state: WeightFormResult | null, formData: FormData) => Promise<WeightFormResult>;
  petId: string;
  /** The record being edited. */
  recordId?: string;
  initial: WeightFormValues;
  unit: WeightUnit;
  /** The account's IANA time zone: "today" for the date rule. */
  timeZone: string;
  /** One-time key of an add form: submitting it twice adds one weighing. */
  submissionId?: string;
  cancelHref: string;
};

/** The schema (zod), loaded once the form is on screen rather than with the page. */
let schemaModule: Promise<typeof import('@/lib/validations/weight')> | undefined;
const loadSchema = () => (schemaModule ??= import('@/lib/validations/weight'));

export function WeightForm({ unit, timeZone, ...props }: WeightFormProps) {
  return (
    <CareForm<WeightField>
      {...props}
      fields={WEIGHT_FIELDS}
      preload={loadSchema}
      check={async (values) => {
        const { weightSchema } = await loadSchema();
        const result = weightSchema({ unit, today: todayIn(timeZone) }).safeParse(values);
        return result.success ? {} : firstIssues<WeightField>(result.error.issues);
      }}
      submitLabel={props.mode === 'create' ? 'Add weight' : 'Save weight'}
    >
      {(controls) => (
        <>
          <CareInput
            controls={controls}
            field="date"
            label="Date"
            type="date"
            min={EARLIEST_BIRTHDAY}
            max={todayIn(timeZone)}
          />
          <CareInput
            controls={controls}
            field="weight"
            label={`Weight (${unit})`}
            hint={`For example 12.5 ${unit}`}
            inputMode="decimal"
            maxLength={20}
          />
          <CareNotes
            controls={controls}
            field="note"
            label="Note (optional)"
            rows={3}
            // A browser counts UTF-16 units, the schema characters: an emoji is two here, one there.
            maxLength={2 * WEIGHT_NOTE_MAX_LENGTH}
          />
        </>
      )}
    </CareForm>
  );
}
