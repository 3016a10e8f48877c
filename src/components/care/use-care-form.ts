'use client';
// The state of a care record's form (any kind), like the pet form's: what was typed (kept after a
// failed submit, with or without JavaScript), the server's verdict, and instant checks from the
// shared schema (loaded once the form is on screen) on leaving a field and before submitting.
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CareFormResult } from '@/actions/care-write';

export type CareFieldErrors<Field extends string> = Partial<Record<Field, string[]>>;

/** A form's values: text per field, or a list of choices (a medication's weekdays). */
export type CareFormValues<Field extends string> = Record<Field, string | readonly string[]>;

export type CareFormOptions<Field extends string, Values extends CareFormValues<Field> = Record<Field, string>> = {
  action: (state: CareFormResult<Field, Values> | null, formData: FormData) => Promise<CareFormResult<Field, Values>>;
  initial: Values;
  /** The fields in the order the form shows them (the first failing one is focused). */
  fields: readonly Field[];
  /** The shared schema's verdict on the whole form: the first message of each field that fails. */
  check: (values: Values) => Promise<CareFieldErrors<Field>>;
  /** Loads the schema ahead of the first check, when it is not part of the page already. */
  preload?: () => unknown;
};

export function useCareForm<Field extends string, Values extends CareFormValues<Field> = Record<Field, string>>({
  action,
  initial,
  fields,
  check,
  preload,
}: CareFormOptions<Field, Values>) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState<Values>(() => ({ ...initial, ...state?.values }));
  const [clientErrors, setClientErrors] = useState<CareFieldErrors<Field>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => void preload?.(), [preload]);

  function change(field: Field, value: Values[Field]) {
    setValues((current) => ({ ...current, [field]: value }));
    // Edited: the last verdict on the old value no longer applies ([] hides it).
    setClientErrors((errors) => ({ ...errors, [field]: [] }));
  }

  async function blur(field: Field) {
    if (values[field].length === 0) return;
    const verdict = (await check(values))[field] ?? [];
    setClientErrors((errors) => ({ ...errors, [field]: verdict }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    // Through a transition rather than the form's own action: React resets a form after its action,
    // and the selects would then show their first option whatever the state says. Without
    // JavaScript the form posts to the same Server Action (its `action` attribute).
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const errors = await check(values);
    const failing = fields.filter((field) => errors[field]?.length);
    if (failing.length > 0) {
      setClientErrors(errors);
      formRef.current?.querySelector<HTMLElement>(`[name="${failing[0]}"]`)?.focus();
      return;
    }
    // Going to the server: its answer is the newest verdict on every field.
    setClientErrors({});
    startTransition(() => formAction(formData));
  }

  const serverErrors: CareFieldErrors<Field> = state?.errors ?? {};
  return {
    formRef,
    formAction,
    pending,
    values,
    change,
    blur,
    submit,
    errorsFor: (field: Field) => clientErrors[field] ?? serverErrors[field],
    /** The form's own message: a failure that names no field (not found, a limit, try again). */
    banner: state && !state.success && !state.errors ? state.message : undefined,
  };
}
