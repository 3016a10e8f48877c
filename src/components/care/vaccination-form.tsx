'use client';
// The add and edit form of a vaccination. Works without JavaScript (posts to the Server Action);
// with it: instant checks from the shared schema and a pending state. "Today" is the account's,
// computed on the server; the vaccine field suggests the vaccines of the pet's category.
import Link from 'next/link';
import type { ComponentProps } from 'react';
import type { VaccinationFormResult } from '@/actions/vaccinations';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/lib/cn';
import { DUE_INTERVAL_LABELS, DUE_INTERVALS } from '@/lib/vaccinations';
import type { VaccinationField, VaccinationFormValues } from '@/lib/validations/vaccination';
import { firstIssues, useCareForm } from './use-care-form';

type VaccinationFormProps = {
  mode: 'create' | 'edit';
  action: (state: VaccinationFormResult | null, formData: FormData) => Promise<VaccinationFormResult>;
  petId: string;
  /** The vaccination being edited. */
  recordId?: string;
  /** One-time key of an add form: submitting it twice adds one vaccination. */
  submissionId?: string;
  initial: VaccinationFormValues;
  /** The account's today (YYYY-MM-DD): the latest date given. */
  today: string;
  suggestions: readonly string[];
  cancelHref: string;
  /** The schema's maximum lengths (in characters). */
  limits: { vaccine: number; clinic: number; batchNumber: number; notes: number };
};

const FIELDS: readonly VaccinationField[] = [
  'vaccine',
  'givenOn',
  'nextDueOn',
  'nextDueInterval',
  'clinic',
  'batchNumber',
  'notes',
];

let schemaModule: Promise<typeof import('@/lib/validations/vaccination')> | undefined;
const loadSchema = () => (schemaModule ??= import('@/lib/validations/vaccination'));

export function VaccinationForm(props: VaccinationFormProps) {
  const { mode, action, petId, recordId, submissionId, initial, today, suggestions, cancelHref, limits } = props;
  const { formRef, ...form } = useCareForm({
    action,
    initial,
    fields: FIELDS,
    preload: loadSchema,
    check: async (values) => {
      const { vaccinationSchema } = await loadSchema();
      const result = vaccinationSchema({ today }).safeParse(withoutEmpty(values));
      return result.success ? {} : firstIssues<VaccinationField>(result.error.issues);
    },
  });

  function textField(
    field: Exclude<VaccinationField, 'nextDueInterval' | 'notes'>,
    label: string,
    { hint, ...input }: { hint?: string } & ComponentProps<'input'> = {},
  ) {
    return (
      <Field id={field} label={label} errors={form.errorsFor(field)} hint={hint}>
        {(control) => (
          <Input
            {...control}
            {...input}
            name={field}
            autoComplete="off"
            value={form.values[field]}
            onChange={(event) => form.change(field, event.target.value)}
            onBlur={() => form.blur(field)}
          />
        )}
      </Field>
    );
  }

  return (
    <form ref={formRef} action={form.formAction} onSubmit={form.submit} noValidate className="space-y-6">
      <input type="hidden" name="petId" value={petId} />
      {recordId ? <input type="hidden" name="id" value={recordId} /> : null}
      {submissionId ? <input type="hidden" name="submissionId" value={submissionId} /> : null}
      <FormMessage message={form.banner} />

      <div className="grid gap-6 sm:grid-cols-2">
        <div className="sm:col-span-2">
          {textField('vaccine', 'Vaccine', {
            list: 'vaccine-suggestions',
            maxLength: 2 * limits.vaccine,
            required: true,
            hint: `For example ${suggestions.join(', ')}`,
          })}
          <datalist id="vaccine-suggestions">
            {suggestions.map((vaccine) => (
              <option key={vaccine} value={vaccine} />
            ))}
          </datalist>
        </div>
        {textField('givenOn', 'Date given', { type: 'date', max: today, required: true })}
        <div />
        {textField('nextDueOn', 'Next due date (optional)', {
          type: 'date',
          min: form.values.givenOn || undefined,
          hint: 'Type a date, or choose an interval.',
        })}
        <Field id="nextDueInterval" label="Or due again after" errors={form.errorsFor('nextDueInterval')}>
          {(control) => (
            <select
              {...control}
              name="nextDueInterval"
              className={cn(inputClassName, 'h-[42px]')}
              value={form.values.nextDueInterval}
              onChange={(event) => form.change('nextDueInterval', event.target.value)}
            >
              {DUE_INTERVALS.map((interval) => (
                <option key={interval} value={interval}>
                  {DUE_INTERVAL_LABELS[interval]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {textField('clinic', 'Clinic or vet (optional)', { maxLength: 2 * limits.clinic })}
        {textField('batchNumber', 'Batch or lot number (optional)', { maxLength: 2 * limits.batchNumber })}
        <div className="sm:col-span-2">
          <Field id="notes" label="Notes (optional)" errors={form.errorsFor('notes')}>
            {(control) => (
              <textarea
                {...control}
                name="notes"
                rows={4}
                maxLength={2 * limits.notes}
                className={inputClassName}
                value={form.values.notes}
                onChange={(event) => form.change('notes', event.target.value)}
                onBlur={() => form.blur('notes')}
              />
            )}
          </Field>
        </div>
      </div>

      <div className="flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonVariants({ variant: 'secondary', size: 'lg' })}>
          Cancel
        </Link>
        <SubmitButton size="lg" pending={form.pending} pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {mode === 'create' ? 'Add vaccination' : 'Save vaccination'}
        </SubmitButton>
      </div>
    </form>
  );
}

/** As the server reads the form: a field left empty is missing (Conform's reading). */
function withoutEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
