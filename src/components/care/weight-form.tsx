'use client';
// The add and edit form of a weighing. Works without JavaScript (posts to the Server Action); with
// it, the shared schema checks each field as it is left and before sending, in the account's unit and
// with the account's "today". A failed submit keeps what was typed.
import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import type { WeightFormResult } from '@/actions/weight';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { todayIn } from '@/lib/dates';
import { EARLIEST_BIRTHDAY } from '@/lib/validations/rules';
import type { WeightUnit } from '@/lib/weight-units';
import {
  WEIGHT_FIELDS,
  WEIGHT_NOTE_MAX_LENGTH,
  type WeightField,
  type WeightFormValues,
} from '@/lib/validations/weight';

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

type Errors = Partial<Record<WeightField, string[]>>;
const EMPTY_ERRORS: Errors = {};

/** The schema (zod), loaded once the form is on screen rather than with the page. */
let weightSchemaModule: Promise<typeof import('@/lib/validations/weight')> | undefined;
const loadWeightSchema = () => (weightSchemaModule ??= import('@/lib/validations/weight'));

async function checkFields(
  values: WeightFormValues,
  fields: readonly WeightField[],
  options: { unit: WeightUnit; timeZone: string },
): Promise<Errors> {
  const { weightSchema } = await loadWeightSchema();
  const schema = weightSchema({ unit: options.unit, today: todayIn(options.timeZone) });
  const errors: Errors = {};
  for (const field of fields) {
    const result = schema.shape[field].safeParse(values[field]);
    if (!result.success) errors[field] = [result.error.issues[0]?.message ?? 'Please check this field'];
  }
  return errors;
}

export function WeightForm({
  mode,
  action,
  petId,
  recordId,
  initial,
  unit,
  timeZone,
  submissionId,
  cancelHref,
}: WeightFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<WeightFormValues>(() => ({ ...initial, ...state?.values }));
  const [clientErrors, setClientErrors] = useState<Errors>(EMPTY_ERRORS);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => void loadWeightSchema(), []);

  function change(field: WeightField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    // Edited: the last verdict on the old value no longer applies ([] hides it).
    setClientErrors((errors) => ({ ...errors, [field]: [] }));
  }

  async function blur(field: WeightField) {
    if (values[field] === '') return;
    const verdict = (await checkFields(values, [field], { unit, timeZone }))[field] ?? [];
    setClientErrors((errors) => ({ ...errors, [field]: verdict }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    // Through a transition rather than the form's own action, so React does not reset the fields;
    // without JavaScript the form posts to the same Server Action (the `action` attribute).
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const errors = await checkFields(values, WEIGHT_FIELDS, { unit, timeZone });
    if (Object.keys(errors).length > 0) {
      setClientErrors(errors);
      const first = WEIGHT_FIELDS.find((field) => errors[field]);
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setClientErrors(EMPTY_ERRORS);
    startTransition(() => formAction(formData));
  }

  const serverErrors: Errors = state?.errors ?? EMPTY_ERRORS;
  const errorsFor = (field: WeightField) => clientErrors[field] ?? serverErrors[field];
  const banner = state && !state.success && !state.errors ? state.message : undefined;

  return (
    <form ref={formRef} action={formAction} onSubmit={submit} noValidate className="space-y-6">
      <input type="hidden" name="petId" value={petId} />
      {recordId ? <input type="hidden" name="id" value={recordId} /> : null}
      {submissionId ? <input type="hidden" name="submissionId" value={submissionId} /> : null}
      <FormMessage message={banner} />

      <div className="grid gap-6 sm:grid-cols-2">
        <Field id="date" label="Date" errors={errorsFor('date')}>
          {(control) => (
            <Input
              {...control}
              name="date"
              type="date"
              min={EARLIEST_BIRTHDAY}
              max={todayIn(timeZone)}
              value={values.date}
              onChange={(event) => change('date', event.target.value)}
              onBlur={() => blur('date')}
            />
          )}
        </Field>
        <Field id="weight" label={`Weight (${unit})`} errors={errorsFor('weight')} hint={`For example 12.5 ${unit}`}>
          {(control) => (
            <Input
              {...control}
              name="weight"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              maxLength={20}
              value={values.weight}
              onChange={(event) => change('weight', event.target.value)}
              onBlur={() => blur('weight')}
            />
          )}
        </Field>
      </div>
      <Field id="note" label="Note (optional)" errors={errorsFor('note')}>
        {(control) => (
          <textarea
            {...control}
            name="note"
            rows={3}
            // A browser counts UTF-16 units, the schema characters: an emoji is two here, one there.
            maxLength={2 * WEIGHT_NOTE_MAX_LENGTH}
            className="input"
            value={values.note}
            onChange={(event) => change('note', event.target.value)}
            onBlur={() => blur('note')}
          />
        )}
      </Field>

      <div className="flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonVariants({ variant: 'secondary', size: 'lg' })}>
          Cancel
        </Link>
        <SubmitButton size="lg" pending={pending} pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add weight' : 'Save weight'}
        </SubmitButton>
      </div>
    </form>
  );
}
