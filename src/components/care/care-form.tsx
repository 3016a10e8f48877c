'use client';
// The frame of a care record's add and edit form (any kind), like the pet form: it works without
// JavaScript (posts to the Server Action, which answers with the messages and what was typed); with
// it, instant checks from the shared schema and a pending state. The kind's form supplies its fields.
import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import { buttonVariants } from '@/components/ui/button';
import { Field, Input, inputClassName } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/lib/cn';
import { useCareForm, type CareFieldErrors, type CareFormOptions, type CareFormValues } from './use-care-form';

type CareFormProps<Field extends string, Values extends CareFormValues<Field>> = CareFormOptions<Field, Values> & {
  petId: string;
  /** The record being edited. */
  recordId?: string;
  /** One-time key of an add form: submitting it twice adds one record. */
  submissionId?: string;
  cancelHref: string;
  mode: 'create' | 'edit';
  /** "Add vaccination" / "Save vaccination". */
  submitLabel: string;
  children: (controls: CareFieldControls<Field, Values>) => ReactNode;
};

/** What a field needs of the form: its value, its messages, and the form's reactions to it. */
export type CareFieldControls<Field extends string, Values extends CareFormValues<Field> = Record<Field, string>> = {
  values: Values;
  errorsFor: (field: Field) => string[] | undefined;
  change: (field: Field, value: Values[Field]) => void;
  blur: (field: Field) => void;
};

export function CareForm<Field extends string, Values extends CareFormValues<Field> = Record<Field, string>>(
  props: CareFormProps<Field, Values>,
) {
  const { petId, recordId, submissionId, cancelHref, mode, submitLabel, children, ...options } = props;
  const { formRef, formAction, submit, pending, banner, values, errorsFor, change, blur } = useCareForm(options);
  return (
    <form ref={formRef} action={formAction} onSubmit={submit} noValidate className="space-y-6">
      <input type="hidden" name="petId" value={petId} />
      {recordId ? <input type="hidden" name="id" value={recordId} /> : null}
      {submissionId ? <input type="hidden" name="submissionId" value={submissionId} /> : null}
      <FormMessage message={banner} />
      <div className="grid gap-6 sm:grid-cols-2">{children({ values, errorsFor, change, blur })}</div>
      <div className="flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonVariants({ variant: 'secondary', size: 'lg' })}>
          Cancel
        </Link>
        <SubmitButton size="lg" pending={pending} pendingLabel={mode === 'create' ? 'Adding…' : 'Saving…'}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}

/** The fields whose value is text (not a list of choices). */
type TextField<Field extends string, Values extends CareFormValues<Field>> = {
  [Name in Field]: Values[Name] extends string ? Name : never;
}[Field];

type CareInputProps<Field extends string, Values extends CareFormValues<Field>> = {
  controls: CareFieldControls<Field, Values>;
  field: NoInfer<TextField<Field, Values>>;
  label: string;
  hint?: string;
  /** Spans both columns of the form's grid. */
  wide?: boolean;
} & Omit<ComponentProps<'input'>, 'name' | 'value' | 'onChange' | 'onBlur'>;

/** A labelled input of a care form, its messages tied to it (aria-describedby) and announced. */
export function CareInput<Field extends string, Values extends CareFormValues<Field>>({
  controls,
  field,
  label,
  hint,
  wide,
  ...input
}: CareInputProps<Field, Values>) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <Field id={field} label={label} errors={controls.errorsFor(field)} hint={hint}>
        {(control) => (
          <Input
            {...control}
            {...input}
            name={field}
            autoComplete="off"
            value={controls.values[field] as string}
            onChange={(event) => controls.change(field, event.target.value as Values[Field])}
            onBlur={() => controls.blur(field)}
          />
        )}
      </Field>
    </div>
  );
}

/** A labelled choice of a care form (`options`: value → what it says). */
export function CareSelect<Field extends string, Values extends CareFormValues<Field>>({
  controls,
  field,
  label,
  options,
  hint,
}: {
  controls: CareFieldControls<Field, Values>;
  field: NoInfer<TextField<Field, Values>>;
  label: string;
  options: Readonly<Record<string, string>>;
  hint?: string;
}) {
  return (
    <Field id={field} label={label} errors={controls.errorsFor(field)} hint={hint}>
      {(control) => (
        <select
          {...control}
          name={field}
          className={cn(inputClassName, 'h-[42px]')}
          value={controls.values[field] as string}
          onChange={(event) => controls.change(field, event.target.value as Values[Field])}
        >
          {Object.entries(options).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The notes of a care form: several lines, both columns. */
export function CareNotes<Field extends string, Values extends CareFormValues<Field>>({
  controls,
  field,
  maxLength,
  label = 'Notes (optional)',
  rows = 4,
}: {
  controls: CareFieldControls<Field, Values>;
  field: NoInfer<TextField<Field, Values>>;
  maxLength: number;
  label?: string;
  rows?: number;
}) {
  return (
    <div className="sm:col-span-2">
      <Field id={field} label={label} errors={controls.errorsFor(field)}>
        {(control) => (
          <textarea
            {...control}
            name={field}
            rows={rows}
            maxLength={maxLength}
            className={inputClassName}
            value={controls.values[field] as string}
            onChange={(event) => controls.change(field, event.target.value as Values[Field])}
            onBlur={() => controls.blur(field)}
          />
        )}
      </Field>
    </div>
  );
}

/** Each field's first message from a zod result's issues. */
export function firstIssues<Field extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): CareFieldErrors<Field> {
  const errors: CareFieldErrors<Field> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '') as Field;
    if (field && !errors[field]) errors[field] = [issue.message];
  }
  return errors;
}

/** As the server reads a form: a field left empty is missing (Conform's reading). */
export function withoutEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}
